/**
 * The page a buyer's browser gets when a post to a browser route (OrderResultURL,
 * ClientRedirectURL) is refused: a short HTML page in the gateways' languages instead of protocol
 * text. It repeats nothing from the request, so nothing received can be reflected into it.
 *
 * @internal
 */
export const BROWSER_REFUSAL_PAGE = `<!doctype html>
<html lang="zh-Hant">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>付款結果無法讀取 / Payment result unreadable</title></head>
<body>
<h1>付款結果無法讀取</h1>
<p>我們無法讀取這筆付款結果。若您已付款，付款紀錄以金流商通知為準，請回到商店查看訂單狀態。</p>
<h1 lang="en">The payment result could not be read</h1>
<p lang="en">We could not read this payment result. If you paid, the payment gateway informs the shop directly: go back to the shop to see your order's status.</p>
</body>
</html>
`;
