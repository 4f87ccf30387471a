import {
  Authenticated,
  CurrentUser,
  MaybeUser,
  OptionallyAuthenticated,
  type AuthenticatedUser,
} from '@agora/auth';
import { ProblemDetails, ProblemException, UuidParam } from '@agora/http';
import { RateLimit } from '@agora/rate-limit';
import { ApiListQuery, ListQuery, type ParsedListQuery } from '@agora/list-query';
import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MEDIA_LIST_QUERY, MediaDto, MediaFileParamDto, MediaPageDto, UploadMediaDto } from './media.dto.js';
import { MediaService } from './media.service.js';
import type { MediaConfig } from '../media.config.js';

/** The request's one file part, read into memory within MEDIA_MAX_BYTES. */
async function readUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new ProblemException(415, {
      code: 'MULTIPART_REQUIRED',
      detail: 'Send the image as multipart/form-data in a field named "file"',
    });
  }
  try {
    const part = await request.file();
    if (!part || part.fieldname !== 'file') {
      throw new ProblemException(400, {
        code: 'VALIDATION_FAILED',
        detail: 'The image goes in a multipart field named "file"',
        errors: [{ field: 'file', messages: ['is required'] }],
      });
    }
    return await part.toBuffer();
  } catch (error) {
    if (error instanceof ProblemException) {
      throw error;
    }
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new ProblemException(413, {
        code: 'MEDIA_TOO_LARGE',
        detail: 'The file is larger than MEDIA_MAX_BYTES',
      });
    }
    // Anything else the multipart reader refuses (no boundary, a body cut short, more than one part) is the
    // client's body, not a fault here.
    throw new ProblemException(400, {
      code: 'INVALID_MULTIPART',
      detail: `The multipart body cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      errors: [{ field: 'file', messages: ['must be one image in a well-formed multipart/form-data body'] }],
    });
  }
}

/** `/media`: uploads, their metadata, their variants' files, and deletion. */
@ApiTags('media')
@ApiNotFoundResponse({ type: ProblemDetails })
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
  @ApiPayloadTooLargeResponse({
    type: ProblemDetails,
    description: 'MEDIA_TOO_LARGE, IMAGE_TOO_LARGE (pixels)',
  })
  @ApiUnsupportedMediaTypeResponse({
    type: ProblemDetails,
    description: 'Not JPEG, PNG, WebP or AVIF; polyglot',
  })
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
  @ApiOkResponse({
    type: MediaDto,
    description: "ownerId and contentHash only for the owner's and admins' tokens",
  })
  get(@UuidParam('id') id: string, @MaybeUser() user?: AuthenticatedUser): Promise<MediaDto> {
    return this.media.get(id, user);
  }

  /** A variant's bytes: WebP, never sniffed, cached for a year (a media never changes). */
  @Get(':id/:file')
  @ApiProduces('image/webp')
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
  @ApiNoContentResponse({ description: 'Deleted, files and all' })
  async delete(@UuidParam('id') id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.media.delete(id, user);
  }
}
