import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  type ApiBodyOptions,
} from '@nestjs/swagger';

/** OpenAPI for a `POST` that starts an order (`noun`: "subscription", "BNPL order"). */
export function ApiStartOrder(
  noun: string,
  body: NonNullable<Extract<ApiBodyOptions, { schema?: unknown }>['schema']>,
) {
  return applyDecorators(
    ApiOperation({
      summary: `Start a ${noun} and get its signed checkout form`,
    }),
    ApiBody({ schema: body }),
    ApiCreatedResponse({
      description: `The ${noun} (pending) and the form to post to the gateway`,
    }),
    ApiBadRequestResponse({
      description:
        'One entry per field and rule that failed (error code TWPAY_INVALID_REQUEST)',
    }),
  );
}

/** OpenAPI for a `GET :id` that reads an order. */
export function ApiReadOrder(noun: string) {
  return applyDecorators(
    ApiOperation({ summary: `Read a ${noun} and its status` }),
    ApiParam({
      name: 'id',
      description: `The ${noun} id returned on creation`,
    }),
    ApiOkResponse({ description: `The ${noun}` }),
    ApiNotFoundResponse({ description: `No ${noun} with this id` }),
  );
}
