#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution N(0, 1).
public enum NormalDistribution {
    /// Φ(z) = ½·erfc(−z/√2), in 0...1 (C library `erfc`, accurate in both tails).
    /// ±∞ give 0 and 1. - Precondition: z is not NaN.
    public static func cdf(_ z: Double) -> Double {
        precondition(!z.isNaN, "normal cdf of NaN")
        return 0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// 1 − Φ(z), computed directly (no cancellation in the upper tail). - Precondition: z is not NaN.
    public static func survival(_ z: Double) -> Double {
        precondition(!z.isNaN, "normal survival of NaN")
        return 0.5 * erfc(z / 2.0.squareRoot())
    }

    /// Φ⁻¹(p), the normal quantile, by Wichura's algorithm AS 241 `PPND16` (Wichura 1988,
    /// *Applied Statistics* 37:477–484), relative accuracy about 1e-16. The coefficients are the
    /// paper's; R's `qnorm.c` prints b₇ as 5226.495278852545925 instead of 5226.4952788528545610,
    /// which moves some results for p in [0.075, 0.925] by one or two units in the last place
    /// (at most 6.5e-16 relative; the tails, e.g. p = 0.975, are identical).
    ///
    /// - Parameter p: probability in 0...1; p = 0 gives −∞ and p = 1 gives +∞.
    /// - Precondition: p in 0...1 (not NaN).
    public static func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "normal quantile needs p in 0...1")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
                + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
                + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
            let den = (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
                + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
                + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                + 4.2313330701600911252e1) * r + 1.0)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var value: Double
        if r <= 5 {
            r -= 1.6
            let num = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
            let den = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                + 2.05319162663775882187e0) * r + 1.0)
            value = num / den
        } else {
            r -= 5
            let num = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
            let den = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1.0)
            value = num / den
        }
        return q < 0 ? -value : value
    }

    /// The two-sided critical value z with P(|Z| ≤ z) = `level`, e.g. 1.959964 for 0.95.
    ///
    /// - Throws: `StatisticError("confidence level must be in (0, 1)")` otherwise.
    public static func twoSidedCriticalValue(level: Double) throws(StatisticError) -> Double {
        guard level > 0, level < 1 else { throw StatisticError("confidence level must be in (0, 1)") }
        return quantile(1 - (1 - level) / 2)
    }
}

/// The chi-square distribution with ν degrees of freedom: P(ν/2, x/2) (Pearson 1900).
public enum ChiSquaredDistribution {
    /// P(X ≤ x), in 0...1; x ≤ 0 gives 0. - Precondition: ν > 0 finite, x not NaN.
    public static func cdf(_ x: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0 && nu.isFinite && !x.isNaN, "chi-square cdf needs ν > 0 and x not NaN")
        if x <= 0 { return 0 }
        return SpecialFunctions.regularizedGammaP(nu / 2, x / 2)
    }

    /// P(X > x), the p-value of a chi-square statistic x, in 0...1 (computed in the upper tail
    /// directly). x ≤ 0 gives 1. - Precondition: ν > 0 finite, x not NaN.
    public static func survival(_ x: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0 && nu.isFinite && !x.isNaN, "chi-square survival needs ν > 0 and x not NaN")
        if x <= 0 { return 1 }
        return SpecialFunctions.regularizedGammaQ(nu / 2, x / 2)
    }
}

/// Fisher's F distribution with (d₁, d₂) degrees of freedom (non-integer allowed):
/// P(F ≤ f) = I_{d₁f/(d₁f + d₂)}(d₁/2, d₂/2) (Abramowitz & Stegun 26.6.2).
public enum FDistribution {
    /// P(F ≤ f), in 0...1; f ≤ 0 gives 0. - Precondition: d₁, d₂ > 0 finite, f not NaN.
    public static func cdf(_ f: Double, numerator d1: Double, denominator d2: Double) -> Double {
        precondition(d1 > 0 && d2 > 0 && d1.isFinite && d2.isFinite && !f.isNaN, "F cdf needs d1, d2 > 0")
        if f <= 0 { return 0 }
        if f == .infinity { return 1 }
        return SpecialFunctions.regularizedBeta(d1 * f / (d1 * f + d2), d1 / 2, d2 / 2)
    }

    /// P(F > f), the p-value of an F statistic, in 0...1, computed as I_{d₂/(d₂ + d₁f)}(d₂/2, d₁/2)
    /// so small p-values keep their precision. f ≤ 0 gives 1, f = +∞ gives 0.
    /// - Precondition: d₁, d₂ > 0 finite, f not NaN.
    public static func survival(_ f: Double, numerator d1: Double, denominator d2: Double) -> Double {
        precondition(d1 > 0 && d2 > 0 && d1.isFinite && d2.isFinite && !f.isNaN, "F survival needs d1, d2 > 0")
        if f <= 0 { return 1 }
        if f == .infinity { return 0 }
        return SpecialFunctions.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2)
    }

    /// The quantile f with P(F ≤ f) = p, in 0...+∞ (used for the Shrout–Fleiss / McGraw–Wong ICC
    /// confidence intervals).
    ///
    /// Method: F = d₂z / (d₁(1 − z)) with z = d₁F/(d₁F + d₂) ~ Beta(d₁/2, d₂/2), so the quantile is
    /// found on z in (0, 1), where P(F ≤ f) = I_z(d₁/2, d₂/2) (``SpecialFunctions/regularizedBeta(_:_:_:)``)
    /// is continuous and increasing. Plain bisection on z, starting from (0, 1) and stopping when
    /// the midpoint no longer moves (at most 200 halvings; in practice about 60, full double
    /// precision in z). Bisection rather than Newton because it needs no density, cannot leave the
    /// bracket for tiny d₁ or d₂ (very skewed F), and its answer is a fixed function of (p, d₁, d₂).
    /// Checked against F(1, ν) = t²(ν) (quantile at 0.95 = t(0.975, 10)²).
    ///
    /// - Parameters:
    ///   - p: probability in (0, 1) (exclusive).
    ///   - d1: numerator degrees of freedom, > 0, finite (non-integer allowed, e.g. Satterthwaite df).
    ///   - d2: denominator degrees of freedom, > 0, finite.
    /// - Returns: the p-quantile, ≥ 0; +∞ only when p is so close to 1 that z rounds to 1.
    /// - Precondition: p in (0, 1); d₁, d₂ > 0 finite.
    public static func quantile(_ p: Double, numerator d1: Double, denominator d2: Double) -> Double {
        precondition(p > 0 && p < 1, "F quantile needs p in (0, 1)")
        precondition(d1 > 0 && d2 > 0 && d1.isFinite && d2.isFinite, "F quantile needs d1, d2 > 0")
        let a = d1 / 2, b = d2 / 2
        var lo = 0.0, hi = 1.0
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            if SpecialFunctions.regularizedBeta(mid, a, b) < p { lo = mid } else { hi = mid }
        }
        let z = 0.5 * (lo + hi)
        return d2 * z / (d1 * (1 - z))
    }
}

/// Student's t distribution with ν degrees of freedom (non-integer allowed):
/// P(|T| > t) = I_{ν/(ν + t²)}(ν/2, ½) (Abramowitz & Stegun 26.7.1).
public enum StudentTDistribution {
    /// P(T ≤ t), in 0...1. - Precondition: ν > 0 finite, t not NaN.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0 && nu.isFinite && !t.isNaN, "t cdf needs ν > 0 and t not NaN")
        if t == .infinity { return 1 }
        if t == -.infinity { return 0 }
        let tail = 0.5 * SpecialFunctions.regularizedBeta(nu / (nu + t * t), nu / 2, 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// P(|T| > |t|), the two-sided p-value, in 0...1. - Precondition: as ``cdf(_:degreesOfFreedom:)``.
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0 && nu.isFinite && !t.isNaN, "t p-value needs ν > 0 and t not NaN")
        if t.isInfinite { return 0 }
        return SpecialFunctions.regularizedBeta(nu / (nu + t * t), nu / 2, 0.5)
    }

    /// The quantile t with P(T ≤ t) = p, by bracketing and bisection on ``cdf(_:degreesOfFreedom:)``
    /// (relative accuracy about 1e-13). Used for OLS slope intervals.
    /// - Precondition: p in (0, 1), ν > 0 finite.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1 && nu > 0 && nu.isFinite, "t quantile needs p in (0, 1) and ν > 0")
        if p == 0.5 { return 0 }
        // Bracket the root, then bisect (monotone cdf, robust for small ν with heavy tails).
        var lo = -1.0, hi = 1.0
        while cdf(lo, degreesOfFreedom: nu) > p { lo *= 2 }
        while cdf(hi, degreesOfFreedom: nu) < p { hi *= 2 }
        for _ in 0..<200 {
            let mid = 0.5 * (lo + hi)
            if cdf(mid, degreesOfFreedom: nu) < p { lo = mid } else { hi = mid }
            if hi - lo <= 1e-14 * max(1, abs(mid)) { break }
        }
        return 0.5 * (lo + hi)
    }
}
