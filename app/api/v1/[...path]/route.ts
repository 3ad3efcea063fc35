import { apiError } from '@/lib/api/errors';
import { OPENAPI_PATH } from '@/lib/routes';

/** Any /api/v1 path that is not an endpoint: a 404 in the API's error shape (not the site's HTML page), pointing at the contract. */
function notAnEndpoint() {
  const { status, body } = apiError('not_found', `No such endpoint. The API's endpoints are listed in ${OPENAPI_PATH}.`);
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', 'access-control-allow-origin': '*' } });
}

export { notAnEndpoint as GET, notAnEndpoint as POST, notAnEndpoint as PATCH, notAnEndpoint as PUT, notAnEndpoint as DELETE };
