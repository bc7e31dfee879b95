import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { classifyError } from '../lib/delivery-error';

export interface BreakerOptions {
    /** Consecutive failures that open the circuit. */
    failures: number;
    /** How long an open circuit stays open before one probe call is let through. */
    halfOpenAfterMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = { failures: 5, halfOpenAfterMs: 30_000 };

/** A failure that says the peer is down: network, timeout, 5xx. A 4xx or 429 is an answer. */
const peerIsDown = (err: unknown): boolean => {
    const error = classifyError(err);
    return error.retryable && (error.status === undefined || error.status >= 500);
};

export type PeerCircuitState = 'closed' | 'open' | 'half_open';

/**
 * One circuit breaker per peer (Teams, Intercom, Kommo, n8n…), so that a peer that is down is
 * not hammered by every queued job: while open, calls fail fast with `BrokenCircuitError` and the
 * outbox reschedules them without spending an attempt.
 */
export class CircuitBreakers {
    private readonly policies = new Map<string, CircuitBreakerPolicy>();

    constructor(
        private readonly options: BreakerOptions = DEFAULT_BREAKER,
        private readonly onChange: (peer: string, state: PeerCircuitState) => void = () => undefined
    ) {}

    /** Runs `call` through the peer's breaker. */
    execute<T>(peer: string, call: () => Promise<T>): Promise<T> {
        return this.policy(peer).execute(call);
    }

    state(peer: string): PeerCircuitState {
        return toState(this.policy(peer).state);
    }

    /** Every peer seen so far with its state. */
    states(): Record<string, PeerCircuitState> {
        return Object.fromEntries([...this.policies.entries()].map(([peer, p]) => [peer, toState(p.state)]));
    }

    get halfOpenAfterMs(): number {
        return this.options.halfOpenAfterMs;
    }

    private policy(peer: string): CircuitBreakerPolicy {
        let policy = this.policies.get(peer);
        if (!policy) {
            policy = circuitBreaker(handleWhen(peerIsDown), { halfOpenAfter: this.options.halfOpenAfterMs, breaker: new ConsecutiveBreaker(this.options.failures) });
            policy.onStateChange((state) => this.onChange(peer, toState(state)));
            this.policies.set(peer, policy);
        }
        return policy;
    }
}

function toState(state: CircuitState): PeerCircuitState {
    if (state === CircuitState.Open || state === CircuitState.Isolated) return 'open';
    if (state === CircuitState.HalfOpen) return 'half_open';
    return 'closed';
}

export const isBrokenCircuit = (err: unknown): boolean => err instanceof BrokenCircuitError;
