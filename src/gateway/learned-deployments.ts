/**
 * How many deployments a transport remembers having learned something of from their upstream
 * (models that refuse thinking, models that refuse tools). A deployment may be named
 * `<provider>/<anything>` by the caller, so what is learned per deployment is kept in a
 * `RecentMap` of this size rather than a set that grows with every name an upstream refuses;
 * a configuration uses far fewer, and one forgotten is learned again from its next refusal.
 */
export const learnedDeployments = 1_000;
