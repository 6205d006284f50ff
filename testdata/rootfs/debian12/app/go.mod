module example.com/fixture-app

go 1.21

require (
	golang.org/x/net v0.17.0
	google.golang.org/grpc v1.58.2
)
