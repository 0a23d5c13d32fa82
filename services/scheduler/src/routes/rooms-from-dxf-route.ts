import {
  DxfImportError,
  type DxfRoomOptions,
  type ImportedRoom,
  importRoomFromDxf,
} from '@ceiling-grid/core';
import { HttpProblem, PROBLEM_TYPES } from '@ceiling-grid/http-kit';
import express, { type Request, type RequestHandler, Router } from 'express';
import {
  DXF_JSON_ALLOWANCE_BYTES,
  DXF_TEXT_MEDIA_TYPES,
  dxfImportBodySchema,
  dxfImportQuerySchema,
  MAX_DXF_BODY_BYTES,
} from '../openapi/dxf-import-schemas.js';
import { invalidInput } from '../scheduler-problems.js';

/**
 * `POST /api/rooms/from-dxf`: a room from a DXF drawing (docs/CAD.md "Importing a room"). The
 * body is the drawing (`application/dxf`, `image/vnd.dxf`, `text/plain`) with the options as
 * query parameters, or JSON `{dxf, options}`. Answers 200 with the room JSON (RULES §2, checked
 * by the room schema), ready for `POST /api/runs`; a drawing or option the import refuses is a
 * 400 problem naming the field (and the layer) and the reason. Creates nothing and needs no store.
 */
export function roomsFromDxfRoute(): Router {
  const router = Router();
  router.post(
    '/api/rooms/from-dxf',
    requireDxfMediaType,
    express.text({ type: [...DXF_TEXT_MEDIA_TYPES], limit: MAX_DXF_BODY_BYTES }),
    express.json({ limit: MAX_DXF_BODY_BYTES + DXF_JSON_ALLOWANCE_BYTES }),
    (req, res) => {
      const { dxf, options } = readImportRequest(req);
      let room: ImportedRoom;
      try {
        room = importRoomFromDxf(dxf, options);
      } catch (error) {
        if (!(error instanceof DxfImportError)) throw error;
        throw new HttpProblem(PROBLEM_TYPES.invalidRequest, `cannot import the drawing: ${error.message}`, {
          errors: [{ path: error.field, message: error.message }],
        });
      }
      req.log.info(
        { roomId: room.roomId, rows: room.layout.length, cols: room.layout[0].length, units: room.units },
        'room imported from DXF',
      );
      res.json(room);
    },
  );
  return router;
}

/** The drawing and the options, from a text body and the query or from a JSON body. */
function readImportRequest(req: Request): { dxf: string; options: DxfRoomOptions } {
  if (req.is('application/json')) {
    if (Object.keys(req.query).length > 0) {
      throw new HttpProblem(
        PROBLEM_TYPES.invalidRequest,
        'a JSON body carries its options in "options"; query parameters are for a DXF body',
        { errors: [{ path: Object.keys(req.query)[0], message: 'give it in the body\'s "options"' }] },
      );
    }
    const body = dxfImportBodySchema.safeParse(req.body);
    if (!body.success) throw invalidInput('body', body.error.issues);
    return { dxf: body.data.dxf, options: body.data.options ?? {} };
  }
  const query = dxfImportQuerySchema.safeParse(req.query);
  if (!query.success) throw invalidInput('query', query.error.issues);
  return { dxf: typeof req.body === 'string' ? req.body : '', options: query.data };
}

const requireDxfMediaType: RequestHandler = (req, _res, next) => {
  if (req.is([...DXF_TEXT_MEDIA_TYPES, 'application/json'])) return next();
  next(
    new HttpProblem(
      PROBLEM_TYPES.unsupportedMediaType,
      `body must be the drawing (${DXF_TEXT_MEDIA_TYPES.join(', ')}) or application/json {dxf, options}`,
    ),
  );
};
