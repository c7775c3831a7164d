#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import RoleLayerCore

/// Normal, chi-square, F and t distribution functions against scipy 1.17 (values printed by
/// `scipy.special`/`scipy.stats`, compared to 1e-12 relative unless noted).
struct DistributionTests {
    /// Φ⁻¹ (AS 241) matches scipy `ndtri` across the body and both tails.
    @Test func normalQuantile() throws {
        let cases: [(Double, Double)] = [
            (1e-300, -37.0470962993612), (1e-20, -9.262340089798409), (1e-10, -6.361340902404056),
            (0.001, -3.090232306167813), (0.025, -1.9599639845400545), (0.1, -1.2815515655446004),
            (0.3, -0.5244005127080409), (0.5, 0), (0.7, 0.5244005127080407), (0.975, 1.959963984540054),
            (0.999, 3.090232306167813), (1 - 1e-12, 7.0344869100478356),
        ]
        for (p, z) in cases { expectRelative(NormalDistribution.quantile(p), z, 1e-12, "p = \(p)") }
        #expect(NormalDistribution.quantile(0) == -.infinity)
        #expect(NormalDistribution.quantile(1) == .infinity)
        expectPrinted(try NormalDistribution.twoSidedCriticalValue(level: 0.95), 1.959964, decimals: 6)
    }

    /// Φ⁻¹ (AS 241; the Kaplan–Meier band critical values) agrees with scipy.stats.norm.ppf to 1e-15 relative.
    @Test func normalQuantileTight() {
        let cases: [(Double, Double)] = [(0.975, 1.959963984540054), (0.95, 1.6448536269514722), (0.5, 0), (0.6, 0.2533471031357997),
                                         (0.999, 3.090232306167813), (1e-10, -6.361340902404056), (0.02, -2.053748910631823),
                                         (1e-300, -37.0470962993612)]
        for (p, z) in cases { #expect(abs(NormalDistribution.quantile(p) - z) <= 1e-15 * max(1, abs(z)), "p = \(p)") }
    }

    /// Φ matches scipy `ndtr`, including the far lower tail.
    @Test func normalCDF() {
        let cases: [(Double, Double)] = [
            (-30, 4.906713927147908e-198), (-8, 6.22096057427174e-16), (-1.959963984540054, 0.025),
            (0, 0.5), (0.5, 0.6914624612740131), (3, 0.9986501019683699),
        ]
        for (z, p) in cases { expectRelative(NormalDistribution.cdf(z), p, 1e-12, "z = \(z)") }
        expectRelative(NormalDistribution.survival(8), 6.22096057427174e-16, 1e-12)
    }

    /// Round trip Φ(Φ⁻¹(p)) = p over a grid.
    @Test func normalRoundTrip() {
        for i in 1..<1000 {
            let p = Double(i) / 1000
            expectRelative(NormalDistribution.cdf(NormalDistribution.quantile(p)), p, 1e-13)
        }
    }

    /// Regularised incomplete gamma P and Q match scipy `gammainc`/`gammaincc`.
    @Test func incompleteGamma() {
        let cases: [(Double, Double, Double, Double)] = [
            (0.5, 0.1, 0.34527915398142317, 0.6547208460185768), (1, 1, 0.6321205588285577, 0.36787944117144245),
            (3, 2, 0.32332358381693654, 0.6766764161830634), (10, 20, 0.9950045876916924, 0.0049954123083075785),
            (100, 90, 0.15822098918643007, 0.84177901081357), (0.1, 5, 0.9998560610341533, 0.00014393896584673387),
        ]
        for (a, x, p, q) in cases {
            expectRelative(SpecialFunctions.regularizedGammaP(a, x), p, 1e-12, "P(\(a), \(x))")
            expectRelative(SpecialFunctions.regularizedGammaQ(a, x), q, 1e-12, "Q(\(a), \(x))")
        }
    }

    /// Regularised incomplete beta matches scipy `betainc`.
    @Test func incompleteBeta() {
        let cases: [(Double, Double, Double, Double)] = [
            (0.3, 2, 3, 0.34829999999999994), (0.9, 0.5, 0.5, 0.7951672353008665),
            (0.01, 5, 1, 1.0000000000000002e-10), (0.5, 20, 30, 0.923796114019261), (0.999, 2, 200, 1.0),
        ]
        for (x, a, b, v) in cases { expectRelative(SpecialFunctions.regularizedBeta(x, a, b), v, 1e-12, "I(\(x); \(a), \(b))") }
    }

    /// Chi-square survival and cdf match scipy `chi2`, including tiny p-values and large df.
    @Test func chiSquared() {
        let sf: [(Double, Double, Double)] = [
            (2.7777777777777777, 2, 0.24935220877729622), (84.056069, 3, 4.1376967872191366e-18),
            (0.5, 1, 0.47950012218695337), (3.0, 1, 0.08326451666355042), (10, 5, 0.07523524614651217),
            (150, 100, 0.0009039320423540184), (1000, 900, 0.010994608942135844), (0.01, 7, 0.999999999243059),
            (50, 3, 7.989179244951495e-11),
        ]
        for (x, k, p) in sf { expectRelative(ChiSquaredDistribution.survival(x, degreesOfFreedom: k), p, 1e-11, "sf(\(x), \(k))") }
        let cdf: [(Double, Double, Double)] = [
            (0.5, 1, 0.5204998778130466), (10, 5, 0.9247647538534878), (150, 100, 0.9990960679576459),
            (2.5, 0.5, 0.9527532988560908),
        ]
        for (x, k, p) in cdf { expectRelative(ChiSquaredDistribution.cdf(x, degreesOfFreedom: k), p, 1e-12, "cdf(\(x), \(k))") }
        #expect(ChiSquaredDistribution.survival(0, degreesOfFreedom: 3) == 1)
        #expect(ChiSquaredDistribution.cdf(-1, degreesOfFreedom: 3) == 0)
    }

    /// F survival matches scipy `f.sf`, with non-integer df (O7's F method) and a tiny p-value.
    @Test func fDistribution() {
        let cases: [(Double, Double, Double, Double)] = [
            (1.0, 1.8333333333333333, 20.166666666666668, 0.3789590997428349), (3.0, 2, 10, 0.09536743164062497),
            (0.2, 5, 7, 0.9524164502214273), (50, 1, 3, 0.005815647592906196),
            (247.28972466686156, 2, 33, 1.3731884724367038e-20), (1.5, 3.5, 100.5, 0.21362042806448822),
        ]
        for (f, a, b, p) in cases {
            expectRelative(FDistribution.survival(f, numerator: a, denominator: b), p, 1e-11, "F(\(f); \(a), \(b))")
            if p > 1e-8 { expectRelative(FDistribution.cdf(f, numerator: a, denominator: b), 1 - p, 1e-11) }
        }
        #expect(FDistribution.survival(.infinity, numerator: 2, denominator: 3) == 0)
    }

    /// F survival, cdf and quantile against closed forms (F(1, ν) = t², F(2, ν) survival in closed form).
    @Test func fClosedFormsAndQuantile() {
        // P(F(2, d2) > f) = (1 + 2f/d2)^(−d2/2).
        for (f, d2) in [(0.5, 3.0), (3.0, 10.0), (10.0, 7.0)] {
            let exact = pow(1 + 2 * f / d2, -d2 / 2)
            #expect(abs(FDistribution.survival(f, numerator: 2, denominator: d2) - exact) < 1e-13)
        }
        // F(1, 10) at t²(0.975, 10) = 2.228138851986274².
        #expect(abs(FDistribution.quantile(0.95, numerator: 1, denominator: 10) - 2.228138851986274 * 2.228138851986274) < 1e-9)
        #expect(abs(FDistribution.cdf(3, numerator: 4, denominator: 9) + FDistribution.survival(3, numerator: 4, denominator: 9) - 1) < 1e-14)
        #expect(FDistribution.survival(0, numerator: 3, denominator: 4) == 1)
    }

    /// Student t cdf and quantile match scipy `t.cdf`/`t.ppf`.
    @Test func studentT() {
        let cdf: [(Double, Double, Double)] = [
            (-2.0, 3, 0.06966298427942152), (0.5, 1, 0.6475836176504333), (1.96, 1000, 0.9748634075221256),
            (-4, 2.5, 0.019506487920659125), (10, 5, 0.9999145262121285),
        ]
        for (t, k, p) in cdf { expectRelative(StudentTDistribution.cdf(t, degreesOfFreedom: k), p, 1e-12, "t(\(t), \(k))") }
        let ppf: [(Double, Double, Double)] = [
            (0.975, 1, 12.706204736174694), (0.975, 3, 3.1824463052837078), (0.975, 30, 2.0422724563012378),
            (0.995, 8, 3.355387331333395),
        ]
        for (p, k, t) in ppf { expectRelative(StudentTDistribution.quantile(p, degreesOfFreedom: k), t, 1e-11, "ppf(\(p), \(k))") }
        expectRelative(StudentTDistribution.twoSidedPValue(-2, degreesOfFreedom: 3), 2 * 0.06966298427942152, 1e-12)
    }
}
