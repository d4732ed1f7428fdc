# Interlingua gateway: build with the dev toolchain, run on a slim image as a non-root user.
#   docker build -t interlingua .
#   docker run -p 4000:4000 -v $PWD/interlingua.yaml:/etc/interlingua/interlingua.yaml interlingua

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY src ./src
COPY bin ./bin
COPY proto ./proto
COPY test ./test
COPY bench ./bench
COPY examples ./examples
COPY console ./console
COPY tools ./tools
RUN npm run build

FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Only runtime dependencies; better-sqlite3 builds its native module (prebuilt binaries when available).
RUN npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3 && npm cache clean --force
COPY --from=build /app/build/src ./build/src
# The console's page, served at /console (src/console/console-assets.ts reads it beside build/src).
COPY --from=build /app/build/console ./build/console
COPY bin ./bin
COPY proto ./proto
# The image's user owns nothing but its data directory (the default SQLite file of a single replica).
RUN mkdir -p /var/lib/interlingua && chown node:node /var/lib/interlingua
# The default SQLite file and spill files go there, not beside the configuration, whose mounted
# folder the user cannot write to (src/cli/gateway-config.ts).
ENV INTERLINGUA_DATA_DIR=/var/lib/interlingua
USER node
WORKDIR /var/lib/interlingua
EXPOSE 4000
# SIGTERM drains streams in flight for up to server.drainMs; SIGHUP reloads the configuration.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/bin/interlingua.js"]
CMD ["serve", "--config", "/etc/interlingua/interlingua.yaml"]
