import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import { ApiHttpErrors, HttpErrorCode, RequestException, UuidParam } from '@agora/http';
import { RateLimit } from '@agora/rate-limit';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MEDIA_LIST_QUERY, MediaDto, MediaFileParamDto, MediaPageDto, UploadMediaDto } from './media.dto.js';
import { MediaService } from './media.service.js';
import type { MediaConfig } from '../media.config.js';
import { ApiMediaErrors, MediaErrorCode, MediaException } from '../media.errors.js';

/** The request's one file part, read into memory within MEDIA_MAX_BYTES. */
async function readUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new MediaException(
      MediaErrorCode.MULTIPART_REQUIRED,
      'Send the image as multipart/form-data in a field named "file"',
    );
  }
  try {
    const part = await request.file();
    if (!part || part.fieldname !== 'file') {
      throw new RequestException(
        HttpErrorCode.VALIDATION_FAILED,
        'The image goes in a multipart field named "file"',
        { errors: [{ field: 'file', messages: ['is required'] }] },
      );
    }
    return await part.toBuffer();
  } catch (error) {
    if (error instanceof RequestException) {
      throw error;
    }
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new MediaException(MediaErrorCode.MEDIA_TOO_LARGE, 'The file is larger than MEDIA_MAX_BYTES');
    }
    // Anything else the multipart reader refuses (no boundary, a body cut short, more than one part) is the
    // client's body, not a fault here.
    throw new MediaException(
      MediaErrorCode.INVALID_MULTIPART,
      `The multipart body cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      {
        errors: [
          { field: 'file', messages: ['must be one image in a well-formed multipart/form-data body'] },
        ],
      },
    );
  }
}

/** `/media`: uploads, their metadata, their variants' files, and deletion. */
@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Post()
  // Listed before @Authenticated(), so its guard runs after the token's and can count per user.
  @RateLimit<MediaConfig>({
    name: 'media.upload.user',
    by: (request) => request.user?.id,
    limit: (config) => config.UPLOADS_MAX_PER_USER,
    windowSeconds: (config) => config.UPLOAD_WINDOW_SECONDS,
    detail: 'Too many uploads from this account',
  })
  @RateLimit<MediaConfig>({
    name: 'media.upload.ip',
    by: 'ip',
    limit: (config) => config.UPLOADS_MAX_PER_IP,
    windowSeconds: (config) => config.UPLOAD_WINDOW_SECONDS,
    detail: 'Too many uploads from this address',
  })
  @Authenticated()
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadMediaDto })
  @ApiCreatedResponse({ type: MediaDto, description: 'Stored' })
  @ApiOkResponse({ type: MediaDto, description: 'The same bytes were uploaded before: that media' })
  @ApiHttpErrors(HttpErrorCode.VALIDATION_FAILED)
  @ApiMediaErrors(
    MediaErrorCode.MULTIPART_REQUIRED,
    MediaErrorCode.INVALID_MULTIPART,
    MediaErrorCode.MEDIA_TOO_LARGE,
    MediaErrorCode.IMAGE_TOO_LARGE,
    MediaErrorCode.UNSUPPORTED_MEDIA_TYPE,
    MediaErrorCode.QUOTA_EXCEEDED,
  )
  async upload(
    @Req() request: FastifyRequest,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MediaDto> {
    const result = await this.media.upload(user, await readUpload(request));
    reply.status(result.created ? 201 : 200);
    return result.media;
  }

  @Get()
  @Authenticated()
  @ApiListQuery(MEDIA_LIST_QUERY)
  @ApiOkResponse({ type: MediaPageDto, description: "The caller's media" })
  mine(
    @CurrentUser() user: AuthenticatedUser,
    @ListQuery(MEDIA_LIST_QUERY) query: ParsedListQuery,
  ): Promise<MediaPageDto> {
    return this.media.listOwn(user, query);
  }

  @Get(':id')
  @OptionallyAuthenticated()
  @ApiMediaErrors(MediaErrorCode.MEDIA_NOT_FOUND)
  @ApiOkResponse({
    type: MediaDto,
    description: "ownerId and contentHash only for the owner's and admins' tokens",
  })
  get(@UuidParam('id') id: string, @MaybeUser() user?: AuthenticatedUser): Promise<MediaDto> {
    return this.media.get(user, id);
  }

  /** A variant's bytes: WebP, never sniffed, cached for a year (a media never changes). */
  @Get(':id/:file')
  @ApiProduces('image/webp')
  @ApiHttpErrors(HttpErrorCode.VALIDATION_FAILED)
  @ApiMediaErrors(MediaErrorCode.MEDIA_NOT_FOUND)
  @ApiOkResponse({ description: 'The image' })
  async file(
    @Param() { id, file }: MediaFileParamDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const stored = await this.media.file(id, file.replace(/\.webp$/, ''));
    reply.header('cache-control', 'public, max-age=31536000, immutable');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', "default-src 'none'");
    return new StreamableFile(stored.body, {
      type: stored.contentType,
      length: stored.contentLength,
      disposition: 'inline',
    });
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated()
  @ApiMediaErrors(MediaErrorCode.MEDIA_NOT_FOUND, MediaErrorCode.NOT_YOUR_MEDIA)
  @ApiNoContentResponse({ description: 'Deleted, files and all' })
  async delete(@UuidParam('id') id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.media.delete(user, id);
  }
}
