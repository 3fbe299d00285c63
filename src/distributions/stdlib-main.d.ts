// Types of the @stdlib distribution functions imported by their `lib/main.js` (the function alone,
// without the package index that attaches `.factory`, whose helpers a browser bundle would carry
// for nothing). The function is the very object the package index exports, so results are the
// same; its type is the package's. Only implementation files import these paths: no emitted
// declaration mentions them.
declare module "@stdlib/stats-base-dists-beta-cdf/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-beta-cdf");
  export default main;
}
declare module "@stdlib/stats-base-dists-beta-quantile/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-beta-quantile");
  export default main;
}
declare module "@stdlib/stats-base-dists-exponential-cdf/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-exponential-cdf");
  export default main;
}
declare module "@stdlib/stats-base-dists-exponential-quantile/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-exponential-quantile");
  export default main;
}
declare module "@stdlib/stats-base-dists-gamma-cdf/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-gamma-cdf");
  export default main;
}
declare module "@stdlib/stats-base-dists-gamma-quantile/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-gamma-quantile");
  export default main;
}
declare module "@stdlib/stats-base-dists-lognormal-cdf/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-lognormal-cdf");
  export default main;
}
declare module "@stdlib/stats-base-dists-lognormal-quantile/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-lognormal-quantile");
  export default main;
}
declare module "@stdlib/stats-base-dists-normal-cdf/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-normal-cdf");
  export default main;
}
declare module "@stdlib/stats-base-dists-normal-quantile/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-normal-quantile");
  export default main;
}
declare module "@stdlib/stats-base-dists-triangular-cdf/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-triangular-cdf");
  export default main;
}
declare module "@stdlib/stats-base-dists-triangular-quantile/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-triangular-quantile");
  export default main;
}
declare module "@stdlib/stats-base-dists-uniform-cdf/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-uniform-cdf");
  export default main;
}
declare module "@stdlib/stats-base-dists-uniform-quantile/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-uniform-quantile");
  export default main;
}
declare module "@stdlib/stats-base-dists-weibull-cdf/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-weibull-cdf");
  export default main;
}
declare module "@stdlib/stats-base-dists-weibull-quantile/lib/main.js" {
  const main: typeof import("@stdlib/stats-base-dists-weibull-quantile");
  export default main;
}
