import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { EXPLORER_SECURITY_HEADERS, ExplorerAsset, readExplorerAssets } from './explorer-assets';

/**
 * The block explorer: a page at `/` and its assets under `/explorer/`, both outside the API paths. The page reads
 * everything it shows from the documented API, in the browser; this controller only hands out the files.
 */
@ApiExcludeController()
@Controller()
export class ExplorerController {
  private readonly assets = readExplorerAssets();

  @Get()
  page(@Res() response: Response): void {
    send(response, this.assets.get('index.html'));
  }

  @Get('explorer/:file')
  asset(@Param('file') file: string, @Res() response: Response): void {
    send(response, file === 'index.html' ? undefined : this.assets.get(file));
  }
}

/** Express's `send` adds an ETag and answers 304 to a browser that has this very file already. */
function send(response: Response, asset: ExplorerAsset | undefined): void {
  if (!asset) throw new NotFoundException('No such explorer file');
  response.set(EXPLORER_SECURITY_HEADERS).type(asset.contentType).send(asset.body);
}
