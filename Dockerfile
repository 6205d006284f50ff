# Depwatch's server image: docker build -t depwatch . (see README, "Docker Compose").
# The build stage publishes with scripts/publish.sh, the command scripts/release.sh uses for the release's servers.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src
COPY . .
RUN ./scripts/publish.sh server "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" /out

# The server is self-contained: the runtime-deps image (libc, OpenSSL, no .NET) is enough.
FROM mcr.microsoft.com/dotnet/runtime-deps:10.0 AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /var/lib/depwatch \
 && chown app:app /var/lib/depwatch
COPY --from=build /out /opt/depwatch
ENV DEPWATCH_DATA_DIR=/var/lib/depwatch \
    Urls=http://+:8080
VOLUME /var/lib/depwatch
EXPOSE 8080
# The image's unprivileged user (uid 1654); the data folder is its own.
USER app
WORKDIR /var/lib/depwatch
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["/opt/depwatch/depwatch-server"]
