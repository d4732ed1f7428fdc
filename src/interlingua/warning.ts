/**
 * What could not be carried across, as data: `unsupported` when the target has no such feature
 * and it was left out, `compatibility` when it was carried in an approximate form.
 * The gateway reports them to the caller in the `x-interlingua-warnings` header and the log.
 */
export interface Warning {
  type: 'unsupported' | 'compatibility';
  /** A short name of the feature, e.g. `frequency_penalty`, `tool_choice.none`. */
  feature: string;
  message: string;
}

/** A value together with what was lost while producing it. */
export interface WithWarnings<T> {
  value: T;
  warnings: Warning[];
}
