import { openApiDocument } from '@/lib/api/openapi';
import { getEnv } from '@/lib/env';

/** The API's OpenAPI 3.1 document: public (it describes, it holds nothing), with CORS for API tools in browsers. */
export function GET() {
  return Response.json(openApiDocument(getEnv().siteUrl), {
    headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' },
  });
}
