import type { DataSource } from 'typeorm';
import type { NotificationProcessor } from '../notifications/notification-processor.service.js';
import type { ReconciliationService } from '../reconciliation/reconciliation.service.js';

/**
 * What the operator commands (`reconcile`, …) work with: the payments module's services on the
 * app's database, opened by the composition root (the `twpay` bin) from the environment.
 *
 * @publicApi
 */
export interface OperatorServices {
  reconciliation: Pick<ReconciliationService, 'reconcile'>;
  /** Applies one stored notification again (`twpay replay`). */
  processor: Pick<NotificationProcessor, 'reapply'>;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Opens {@link OperatorServices} from the environment (`DATABASE_URL`, `TWPAY_*`).
 *
 * @publicApi
 */
export type OpenOperatorServices = (
  env: Readonly<Record<string, string | undefined>>,
) => Promise<OperatorServices>;
