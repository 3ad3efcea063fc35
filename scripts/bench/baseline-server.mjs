// The benchmark's baseline: a bare Node `http` server answering every request with the same bytes from
// memory. Usage: node baseline-server.mjs <port> <response.json>, where the JSON holds
// { headers: {…}, bodyFile: "…" } (the article page's headers and its gzip-compressed HTML).
import { readFileSync } from 'node:fs';
import http from 'node:http';

const [port, spec] = process.argv.slice(2);
const { headers, bodyFile } = JSON.parse(readFileSync(spec, 'utf8'));
const body = readFileSync(bodyFile);
const head = { ...headers, 'content-length': String(body.length) };

http
  .createServer((req, res) => {
    res.writeHead(200, head);
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1', () => console.log(`baseline listening on ${port}`));
