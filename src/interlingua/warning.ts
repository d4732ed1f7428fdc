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
  /**
   * The tool the loss is about, when it repeats per tool (a schema keyword Gemini lacks, in each of
   * a coding agent's 40 tools). `message` then does not name the tool, so the same loss in many
   * tools is reported once, with the names and a count (see core/warning-groups.ts).
   */
  tool?: string;
}

/** A value together with what was lost while producing it. */
export interface WithWarnings<T> {
  value: T;
  warnings: Warning[];
}
