/**
 * P(X ≥ chi2) for a chi-square variable with an even number of degrees of freedom: the probability
 * that `degrees / 2` probabilities drawn at random would give a Fisher statistic this large. For even
 * degrees it is the Poisson sum e^-m · Σ m^i / i! (i < degrees / 2, m = chi2 / 2), added in log space
 * so a long reply's large statistic does not underflow to a wrong answer.
 */
export function chiSquareSurvival(chi2: number, degrees: number): number {
  if (!(chi2 > 0)) return 1;
  const half = chi2 / 2;
  const terms = Math.max(1, Math.floor(degrees / 2));
  const logHalf = Math.log(half);
  let logTerm = -half;
  let largest = logTerm;
  const logs: number[] = [logTerm];
  for (let i = 1; i < terms; i++) {
    logTerm += logHalf - Math.log(i);
    logs.push(logTerm);
    if (logTerm > largest) largest = logTerm;
  }
  let sum = 0;
  for (const value of logs) sum += Math.exp(value - largest);
  return Math.min(1, Math.exp(largest + Math.log(sum)));
}
