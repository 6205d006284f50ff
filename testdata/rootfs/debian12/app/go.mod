module example.com/fixture-app

go 1.21

require (
	github.com/BurntSushi/toml v0.3.1
	golang.org/x/net v0.17.0
	google.golang.org/grpc v1.58.2
)
