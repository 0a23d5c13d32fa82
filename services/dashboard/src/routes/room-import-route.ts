import {
  DxfImportError,
  type DxfRoomOptions,
  type ImportedRoom,
  importRoomFromDxf,
  MAX_DXF_CHARS,
  type Room,
} from '@ceiling-grid/core';
import { HttpProblem, PROBLEM_TYPES } from '@ceiling-grid/http-kit';
import { type Request, type RequestHandler, Router } from 'express';
import multer from 'multer';
import { sendPage } from '../page-response.js';
import {
  DXF_FILE_FIELD,
  DXF_FORM_NUMBER_OPTIONS,
  DXF_FORM_TEXT_OPTIONS,
  DXF_IMPORT_PATH,
  type DxfFormOption,
} from '../pages/dxf-import-form.js';
import { newRunPage } from '../pages/new-run-page.js';
import { sampleInfo } from './new-run-route.js';
import { sameOriginOnly } from './same-origin-only.js';

/** What the Import DXF form needs. */
export interface RoomImportRouteDeps {
  /** The sample room the New run page offers. */
  sampleRoom: Room;
  samplePath: string;
  title: string;
}

/** Largest drawing the form takes, in bytes: the same 16 MiB as `POST /api/rooms/from-dxf`. */
export const MAX_DXF_UPLOAD_BYTES = MAX_DXF_CHARS;

/**
 * `POST /rooms/from-dxf`: the New run page's Import DXF form (multipart: the drawing and the
 * options of docs/CAD.md "Importing a room", by the API's names). Answers the New run page
 * holding the imported room, which the editor opens for review; a drawing the import refuses
 * gives the page again (400) with the error, naming the field and layer, beside the form.
 * Creates nothing and needs no store; 413 past 16 MiB, 403 from another site.
 */
export function roomImportRoute(deps: RoomImportRouteDeps): Router {
  const sample = sampleInfo(deps.sampleRoom, deps.samplePath);
  const router = Router();
  router.post(
    DXF_IMPORT_PATH,
    sameOriginOnly('Drawings can only be imported from this dashboard.'),
    readUpload,
    (req, res) => {
      const values = formValues(req.body);
      const file = req.file;
      const fileName = file ? displayName(file.originalname) : 'the drawing';
      let room: ImportedRoom;
      try {
        if (!file) throw new DxfImportError(DXF_FILE_FIELD, 'choose a DXF file to import');
        room = importRoomFromDxf(file.buffer.toString('utf8'), importOptions(values));
      } catch (error) {
        if (!(error instanceof DxfImportError)) throw error;
        const problem = {
          fileName,
          field: error.field,
          message: error.message,
          ...(error.layer ? { layer: error.layer } : {}),
        };
        req.log.info({ field: error.field, layer: error.layer, fileName }, 'DXF import refused');
        sendPage(res, 400, deps.title, (context) =>
          newRunPage(context, sample, { source: 'room', roomText: '', dxfImport: { values, problem } }),
        );
        return;
      }
      req.log.info(
        {
          roomId: room.roomId,
          rows: room.layout.length,
          cols: room.layout[0].length,
          units: room.units,
          fileName,
        },
        'room imported from DXF in the dashboard',
      );
      sendPage(res, 200, deps.title, (context) =>
        newRunPage(context, sample, {
          source: 'room',
          roomText: `${JSON.stringify(room, null, 2)}\n`,
          loadedFrom: fileName,
          dxfImport: { values },
        }),
      );
    },
  );
  return router;
}

const upload = multer({
  storage: multer.memoryStorage(),
  // Browsers send the file name as raw UTF-8 in the part header.
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_DXF_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 4096, parts: 21 },
}).single(DXF_FILE_FIELD);

/** The multipart body, its limits answered as problems: 413 for the drawing's size, else 400. */
const readUpload: RequestHandler = (req, res, next) => {
  upload(req, res, (error: unknown) => {
    if (error instanceof multer.MulterError) {
      next(
        error.code === 'LIMIT_FILE_SIZE'
          ? new HttpProblem(
              PROBLEM_TYPES.payloadTooLarge,
              `The drawing is larger than ${MAX_DXF_UPLOAD_BYTES / 1024 / 1024} MiB, the import's limit.`,
            )
          : new HttpProblem(
              PROBLEM_TYPES.invalidRequest,
              `The import form is not as expected: ${error.message}.`,
            ),
      );
      return;
    }
    next(error);
  });
};

/** The known options as the form sent them, trimmed; others are ignored. */
function formValues(body: Request['body']): Partial<Record<DxfFormOption, string>> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const values: Partial<Record<DxfFormOption, string>> = {};
  for (const name of [...DXF_FORM_TEXT_OPTIONS, ...DXF_FORM_NUMBER_OPTIONS]) {
    const value = fields[name];
    if (typeof value === 'string' && value.trim() !== '') values[name] = value.trim();
  }
  return values;
}

/**
 * The import options from the form's text: an empty field takes the default, a number field is
 * read as a number (the import names one that is not: "tileSize: must be a number").
 */
function importOptions(values: Partial<Record<DxfFormOption, string>>): DxfRoomOptions {
  const options: Record<string, string | number> = {};
  for (const name of DXF_FORM_TEXT_OPTIONS) {
    if (values[name] !== undefined) options[name] = values[name];
  }
  for (const name of DXF_FORM_NUMBER_OPTIONS) {
    if (values[name] !== undefined) options[name] = Number(values[name]);
  }
  return options as DxfRoomOptions;
}

/** The uploaded file's name without any path, kept short for the page. */
function displayName(originalName: string): string {
  const base = originalName.split(/[\\/]/).pop() ?? '';
  return base === '' ? 'the drawing' : base.slice(0, 120);
}
