import Testing
@testable import RoleLayerCore

/// Cross-correlation and the Granger F test (O22).
struct LeadLagTests {
    /// Seeded series from numpy (`default_rng(20260101)`, 4 decimals): y_t = x_{t−2} + 0.3·e_t.
    static let x: [Double] = [1.5779, 1.1787, 0.3105, -0.3859, -0.2842, -2.7892, 0.2508, -0.5585, 0.3999, 0.4506, 1.5197, -0.4332, 0.3942, 1.8704, -0.667, 0.0574, 0.0804, -1.5069, 0.4402, -1.3456, 1.6132, -1.5062, 0.3016, -0.1063, 0.4366, 0.5519, -1.0249, 0.4856, -0.7015, 0.7671, -1.3738, -0.8667, -0.0648, 0.8412, -0.3589, -0.1556, 1.5833, 0.819, -0.0203, -0.6524]
    static let y: [Double] = [-0.7164, -0.5209, 1.2965, 1.2944, 0.5023, -0.1227, -0.6179, -2.8191, 0.0627, 0.1171, 0.7717, -0.0974, 1.9103, -0.1324, 0.4775, 2.209, -0.3114, 0.059, 0.2938, -1.6486, 0.4077, -1.3204, 1.8184, -1.5259, 0.3046, 0.022, -0.0457, 0.655, -0.7277, 0.811, -0.4883, 0.5454, -1.1708, -0.5655, 0.1087, 0.6785, -0.2168, -0.3428, 1.2759, 1.0811]

    /// CCF matches statsmodels 0.14.5 `ccf(y, x, adjusted=True, nlags=7)` and `ccf(x, y, adjusted=False)`.
    @Test func ccfMatchesStatsmodels() throws {
        let c = try CrossCorrelation.ccf(Self.y, Self.x, maximumLag: 6)
        let expected = [0.1745242948509096, -0.20632753150811267, 0.9978254854890004, -0.0941203039008877,
                        0.1873591498759259, -0.11165180630238081, -0.06743687193516273]
        for (a, e) in zip(c, expected) { expectRelative(a, e, 1e-12) }
        let u = try CrossCorrelation.ccf(Self.x, Self.y, maximumLag: 3, adjusted: false)
        for (a, e) in zip(u, [0.1745242948509096, -0.1816888165455857, -0.10467376111305694, -0.14004722363375907]) {
            expectRelative(a, e, 1e-12)
        }
    }

    /// O22: with y_t = x_{t−2}, the peak of ccf(y, x) is at lag 2 (x leads y by two periods).
    @Test func oracleO22PeakAtLagTwo() throws {
        #expect(try CrossCorrelation.peakLag(Self.y, Self.x, maximumLag: 6) == 2)
        // Built here from RandomGenerator draws, exactly y_t = x_{t−2}, and with noise.
        var g = RandomGenerator(seed: 20260101)
        let n = 60
        let xs = (0..<n).map { _ in g.nextGaussian() }
        for noise in [0.0, 0.5] {
            let ys = (0..<n).map { t in (t >= 2 ? xs[t - 2] : 0) + noise * g.nextGaussian() }
            #expect(try CrossCorrelation.peakLag(ys, xs, maximumLag: 8) == 2, "noise \(noise)")
        }
    }

    /// O22: Granger F at p = 2 rejects "x does not cause y" and matches statsmodels'
    /// `grangercausalitytests(df[["y", "x"]])` ssr F test; the reverse direction does not reject.
    @Test func oracleO22Granger() throws {
        let r2 = try GrangerCausality.test(effect: Self.y, cause: Self.x, lags: 2)
        expectRelative(r2.statistic, 247.28972466686156, 1e-9)
        expectRelative(r2.pValue, 1.3731884724367038e-20, 1e-8)
        #expect(r2.numeratorDegreesOfFreedom == 2 && r2.denominatorDegreesOfFreedom == 33)
        #expect(r2.pValue < 0.001)
        let r1 = try GrangerCausality.test(effect: Self.y, cause: Self.x, lags: 1)
        expectRelative(r1.statistic, 1.271068687302871, 1e-9)
        expectRelative(r1.pValue, 0.26702480507881804, 1e-9)
        #expect(r1.denominatorDegreesOfFreedom == 36)
        let reverse = try GrangerCausality.test(effect: Self.x, cause: Self.y, lags: 2)
        expectRelative(reverse.statistic, 0.938862568619553, 1e-9)
        expectRelative(reverse.pValue, 0.40126891718791, 1e-9)
    }

    /// An exactly lagged copy makes the unrestricted fit perfect: F = +∞, p = 0.
    @Test func grangerExactCopy() throws {
        var g = RandomGenerator(seed: 41)
        let xs = (0..<30).map { _ in g.nextGaussian() }
        let ys = [0.3, -0.2] + xs.dropLast(2)
        let r = try GrangerCausality.test(effect: ys, cause: xs, lags: 2)
        #expect(r.statistic > 1e12)
        #expect(r.pValue < 1e-12)
    }

    /// Short series, constant series and bad lags are not available.
    @Test func errors() {
        expectStatisticError(.tooFew(8, "time points")) { try GrangerCausality.test(effect: [1, 2, 3, 4, 5, 6, 7], cause: [1, 3, 2, 5, 4, 7, 6], lags: 2) }
        expectStatisticError(.shape("lag order must be at least 1")) { try GrangerCausality.test(effect: [1, 2], cause: [1, 2], lags: 0) }
        expectStatisticError(.zeroVariance) { try CrossCorrelation.ccf([1, 1, 1], [1, 2, 3], maximumLag: 1) }
        expectStatisticError(.shape("maximum lag must be in 0...2")) { try CrossCorrelation.ccf([1, 2, 3], [1, 2, 4], maximumLag: 3) }
        expectStatisticError(.tooFew(2, "time points")) { try CrossCorrelation.ccf([1], [1], maximumLag: 0) }
    }
}
