import 'reflect-metadata';
import { IsInt, Max, Min } from 'class-validator';
import type { BnplCheckoutOrder } from '../../protocol/build-bnpl-checkout-fields.js';
import { MAX_INTEGER, Required } from '../../validation/field-rules.js';
import { CheckoutOrderDto } from '../../checkout/dto/checkout-order.dto.js';

/**
 * The smallest `TotalAmount` ECPay takes for a BNPL order, in TWD (docs/gateway-protocol.md section 8: ECPAY-SDKPHP
 * `CreateBnplOrder.php`, "金額須大於2999").
 *
 * @publicApi
 */
export const BNPL_MIN_TOTAL_AMOUNT = 3000;

/**
 * An ECPay BNPL order (無卡分期, `ChoosePayment=BNPL`): the buyer applies with the instalment provider
 * on the payment page, the application result arrives on PaymentInfoURL, the payment result later on
 * ReturnURL (docs/gateway-protocol.md section 8). ECPay only. Validate it with
 * `validateCheckoutRequest(CreateBnplOrderDto, input, 'ecpay')`.
 *
 * `ReturnURL`, `PaymentInfoURL` and `ClientRedirectURL` come from the module's own routes. Once
 * validated, it is the {@link BnplCheckoutOrder} that `buildBnplCheckoutFields()` of
 * `nestjs-twpay/protocol` posts.
 *
 * @publicApi
 */
export class CreateBnplOrderDto
  extends CheckoutOrderDto
  implements BnplCheckoutOrder
{
  /** `TotalAmount`: whole TWD, at least {@link BNPL_MIN_TOTAL_AMOUNT}. */
  @Max(MAX_INTEGER)
  @Min(BNPL_MIN_TOTAL_AMOUNT, {
    message: `$property must be at least ${BNPL_MIN_TOTAL_AMOUNT} TWD: ECPay takes no smaller BNPL order`,
  })
  @IsInt()
  @Required()
  totalAmount: number;
}
