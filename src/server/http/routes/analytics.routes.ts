import { xmrChart } from '../../../analytics/spc/index.js';
import { problemSchema } from '../../../domain/common.js';
import { spcRequest, spcResponse } from '../../../domain/spc.js';
import { contextOf } from '../authenticate.js';
import type { RouteDeps } from '../app.js';

export function analyticsRoutes({ app, database }: RouteDeps) {
  app.post('/api/v1/analytics/spc', {
    // A long series is large JSON: allow up to 100,000 values whatever the general body limit.
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      tags: ['analytics'], summary: 'Chart a series as an XmR chart the Making Data Count way (any signed-in user)',
      body: spcRequest, response: { 200: spcResponse, 400: problemSchema, 401: problemSchema, 413: problemSchema },
    },
  }, (request) => {
    contextOf(request, database);
    return xmrChart(request.body);
  });
}
