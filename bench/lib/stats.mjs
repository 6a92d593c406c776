// Small statistics for noisy machines: medians and per-pair ratios, never single samples.

export function median(values) {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values, p) {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Median of the per-pair ratios a[i]/b[i] (pairs measured back to back share the same noise). */
export function medianPairRatio(a, b) {
	const ratios = [];
	for (let i = 0; i < Math.min(a.length, b.length); i++) {
		if (b[i] > 0) ratios.push(a[i] / b[i]);
	}
	return median(ratios);
}

export const round = (value, digits = 2) =>
	Number.isFinite(value) ? Number(value.toFixed(digits)) : null;
