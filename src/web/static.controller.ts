import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { dirname, join } from 'node:path';

/**
 * The console's scripts and styles, served by the app itself (no CDN at run time): htmx and
 * Chart.js straight from node_modules, our own two files from ./static (copied by nest build).
 */
const FILES: Record<string, string> = {
  'htmx.min.js': require.resolve('htmx.org/dist/htmx.min.js'),
  // Chart.js exports only its module entry points; the browser bundle sits beside them.
  'chart.umd.min.js': join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'),
  'app.js': join(__dirname, 'static', 'app.js'),
  'app.css': join(__dirname, 'static', 'app.css'),
};

@Controller('web/static')
export class StaticController {
  @Get(':file')
  serve(@Param('file') file: string, @Res() response: Response): void {
    const path = Object.hasOwn(FILES, file) ? FILES[file] : undefined;
    if (!path) throw new NotFoundException();
    response.sendFile(path, { maxAge: '1h' });
  }
}
