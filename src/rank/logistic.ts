// A logistic regression over sparse vectors, trained by stochastic gradient descent with L2
// regularisation. Small on purpose: one Float32Array of weights (the hashed space, or a folded
// smaller one for the per-tag models) and a bias. The regulariser's shrinking is kept as one
// scale factor (w = scale · stored), so a step touches only the example's own features.
import type { SparseVector } from './features';

export interface LogisticModel {
  /** Stored weights; the true weights are `scale` times these. Length: a power of two. */
  weights: Float32Array;
  scale: number;
  bias: number;
  /** Steps taken: the learning rate decays with them. */
  steps: number;
}

export interface SgdOptions {
  /** Strength of the L2 regulariser (per example). */
  lambda: number;
  /** Initial learning rate. */
  eta0: number;
  /** Weight of a positive and of a negative example's loss: balances few saved against many seen. */
  positiveWeight: number;
  negativeWeight: number;
}

export const DEFAULT_SGD: SgdOptions = { lambda: 1e-4, eta0: 0.5, positiveWeight: 1, negativeWeight: 1 };

export function newModel(dim: number): LogisticModel {
  if (dim <= 0 || (dim & (dim - 1)) !== 0) throw new Error(`model size must be a power of two, not ${dim}`);
  return { weights: new Float32Array(dim), scale: 1, bias: 0, steps: 0 };
}

/** w·x + b, reading the hashed features folded into the model's size. */
export function margin(model: LogisticModel, x: SparseVector): number {
  return marginSpan(model, x.index, x.value, 0, x.index.length);
}

/** w·x + b for the vector stored at `start` … `end` of `index`/`value` (many vectors in one pair of arrays). */
export function marginSpan(model: LogisticModel, index: Uint32Array, value: Float32Array, start: number, end: number): number {
  const weights = model.weights;
  const mask = weights.length - 1;
  let sum = 0;
  for (let i = start; i < end; i++) sum += weights[index[i]! & mask]! * value[i]!;
  return sum * model.scale + model.bias;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function probability(model: LogisticModel, x: SparseVector): number {
  return sigmoid(margin(model, x));
}

/** Each feature's share of the margin (weight × value), for explanations (a plain array: cheap to make). */
export function contributions(model: LogisticModel, x: SparseVector): number[] {
  const mask = model.weights.length - 1;
  const out = new Array<number>(x.index.length);
  for (let i = 0; i < x.index.length; i++) out[i] = model.weights[x.index[i]! & mask]! * model.scale * x.value[i]!;
  return out;
}

/** One SGD step on the log loss of (x, label) with L2 shrinkage; answers the example's weighted loss before the step. */
export function learn(model: LogisticModel, x: SparseVector, label: 0 | 1, options: SgdOptions): number {
  return learnSpan(model, x.index, x.value, 0, x.index.length, label, options);
}

/** `learn` for the vector stored at `start` … `end` of `index`/`value`. */
export function learnSpan(
  model: LogisticModel,
  index: Uint32Array,
  value: Float32Array,
  start: number,
  end: number,
  label: 0 | 1,
  options: SgdOptions,
): number {
  // A decaying rate (Bottou's 1 / (1 + η₀λt)) lets later passes settle instead of jumping about.
  const eta = options.eta0 / (1 + options.eta0 * options.lambda * model.steps);
  model.steps += 1;
  const weight = label === 1 ? options.positiveWeight : options.negativeWeight;
  const p = sigmoid(marginSpan(model, index, value, start, end));
  const gradient = (p - label) * weight;
  // Shrink every weight at once by scaling; fold the scale back in before it underflows.
  model.scale *= 1 - eta * options.lambda;
  if (model.scale < 1e-6) {
    for (let i = 0; i < model.weights.length; i++) model.weights[i]! *= model.scale;
    model.scale = 1;
  }
  const weights = model.weights;
  const mask = weights.length - 1;
  const step = (eta * gradient) / model.scale;
  for (let i = start; i < end; i++) weights[index[i]! & mask]! -= step * value[i]!;
  // The bias is not regularised and moves more slowly (one feature seen by every example).
  model.bias -= eta * gradient * 0.1;
  // The loss as it was before this step (progressive validation): training stops when it settles.
  return -Math.log(Math.max(label === 1 ? p : 1 - p, 1e-12)) * weight;
}
