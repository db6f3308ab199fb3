/**
 * The resolved options (defaults applied, validated), as services inject them.
 * @internal
 */
export const PAYMENTS_RESOLVED_OPTIONS = Symbol('twpay:resolved_options');

/**
 * The resolved options without any merchant's HashKey and HashIV, for host services
 * (`InjectPaymentsOptions`).
 * @internal
 */
export const PAYMENTS_OPTIONS_VIEW = Symbol('twpay:options_view');

/**
 * The TypeORM DataSource the module's entities live in (the default one, or the one named by the
 * `dataSource` extra).
 * @internal
 */
export const PAYMENTS_DATA_SOURCE = Symbol('twpay:data_source');

/**
 * The callback routes' prefix, fixed when the module is assembled.
 * @internal
 */
export const PAYMENTS_ROUTE_PREFIX = Symbol('twpay:route_prefix');
