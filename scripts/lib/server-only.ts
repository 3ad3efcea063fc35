// `npm run worker` maps `server-only` here (tsconfig.worker.json): the worker is a server process, and it
// runs without the react-server condition because it renders emails with react-dom/server.
export {};
