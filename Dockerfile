# gwreplay container: build with Maven, run on a small Java 17 runtime as a non-root user.
#   docker build -t gwreplay .
#   docker run --rm -v /dev/shm/llhoft:/data gwreplay --source=demo --gps-start=1238166018 --gps-end=1238166078 --output=/data
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline || true
COPY src src
COPY bench bench
RUN mvn -B -q -DskipTests package && cp target/gwreplay-*-all.jar /gwreplay.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /opt/gwreplay --shell /usr/sbin/nologin gwreplay \
 && mkdir -p /opt/gwreplay/bin /opt/gwreplay/lib /opt/gwreplay/pipelines /data \
 && chown gwreplay /data
COPY --from=build /gwreplay.jar /opt/gwreplay/lib/gwreplay.jar
COPY bin/gwreplay bin/java-opens /opt/gwreplay/bin/
COPY pipelines /opt/gwreplay/pipelines
ENV PATH=/opt/gwreplay/bin:$PATH
USER gwreplay
WORKDIR /opt/gwreplay
VOLUME ["/data"]
ENTRYPOINT ["/opt/gwreplay/bin/gwreplay"]
CMD ["--help"]
