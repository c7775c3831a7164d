#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fisher–Snedecor F distribution: the upper tail and the quantile, through the regularised
/// incomplete beta function.
///
/// **Temporary, for deduplication.** Branch `stats-b` needs F p-values (one-way and two-factor
/// ANOVA, Shrout–Fleiss ICC tests) before branch `stats-a`'s `Distributions.swift` is on main.
/// This file is internal on purpose: when `Distributions.swift` lands, the lead replaces the
/// calls to ``FDistributionFallback`` by the shared F distribution and deletes this file.
///
/// Sources: the continued fraction for I_x(a, b) evaluated by the modified Lentz method
/// (Press, Teukolsky, Vetterling & Flannery, *Numerical Recipes* 3rd ed., 2007, §6.4;
/// Lentz 1976, *Applied Optics* 15:668–671); F in terms of I: Abramowitz & Stegun 1964, 26.6.2.
enum FDistributionFallback {
    /// P(F > f) for F with (d1, d2) degrees of freedom; d1, d2 > 0 (real), f ≥ 0.
    /// Returns 1 for f ≤ 0. Accurate to about 1e-13 relative for moderate degrees of freedom.
    static func upperTail(_ f: Double, d1: Double, d2: Double) -> Double {
        precondition(d1 > 0 && d2 > 0, "degrees of freedom must be positive")
        if !(f > 0) { return 1 }
        if f == .infinity { return 0 }
        // P(F > f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2)
        let x = d2 / (d2 + d1 * f)
        return regularisedIncompleteBeta(x, d2 / 2, d1 / 2)
    }

    /// P(F ≤ f) for F with (d1, d2) degrees of freedom.
    static func cumulative(_ f: Double, d1: Double, d2: Double) -> Double {
        if !(f > 0) { return 0 }
        let x = d1 * f / (d1 * f + d2)
        return regularisedIncompleteBeta(x, d1 / 2, d2 / 2)
    }

    /// The p-quantile of F(d1, d2) (the value f with P(F ≤ f) = p), p in (0, 1), by bisection on
    /// the beta variable z = d1 f / (d1 f + d2) in (0, 1) to full double precision.
    static func quantile(_ p: Double, d1: Double, d2: Double) -> Double {
        precondition(p > 0 && p < 1, "p must lie strictly between 0 and 1")
        let a = d1 / 2, b = d2 / 2
        var lo = 0.0, hi = 1.0
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            if regularisedIncompleteBeta(mid, a, b) < p { lo = mid } else { hi = mid }
        }
        let z = 0.5 * (lo + hi)
        return d2 * z / (d1 * (1 - z))
    }

    /// The regularised incomplete beta function I_x(a, b), x in 0...1, a, b > 0.
    static func regularisedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x, a, b) / a
        } else {
            return 1 - exp(logFront) * continuedFraction(1 - x, b, a) / b
        }
    }

    /// The continued fraction of I_x(a, b) (Numerical Recipes `betacf`), modified Lentz.
    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300, epsilon = 1e-16
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }
}
