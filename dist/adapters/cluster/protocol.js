export const isClusterMessage = (m) => typeof m === 'object' && m !== null && typeof m.kl === 'string';
