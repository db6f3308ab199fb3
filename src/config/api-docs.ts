import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where the OpenAPI page of the shop's JSON API is served; the document is at `<path>-json`. */
export const API_DOCS_PATH = 'api/docs';

/** Serves the OpenAPI document of the shop's JSON API (`/api/...`) and its Swagger UI. */
export function setupApiDocs(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('nestjs-twpay example shop')
      .setDescription(
        'The JSON API of the example shop over nestjs-twpay: periodic subscriptions (AllPay and ECPay) and ECPay BNPL orders.',
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document);
}
