#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Kaplan-Meier product-limit estimator of a survival curve (Kaplan & Meier 1958, JASA
/// 53:457-481) with Greenwood's variance (Greenwood 1926) and pointwise confidence bands, and
/// the median survival time with its interval (Brookmeyer & Crowley 1982, Biometrics 38:29-41,
/// read off the bands as R's `survival` package does).
///
/// Conventions (each matches R `survival` 3.5 `survfit`):
/// - Ties: at a time with both events and censorings, the events happen first, so subjects censored
///   at t are still at risk at t.
/// - One step per distinct observed time, events or censorings (as `survfit`'s `time`, `n.risk`,
///   `n.event`, `n.censor`).
/// - Band: the log-log transform by default, S^exp(±z·σ/log S) = exp(−exp(log(−log S) ± z·σ/|log S|))
///   with σ² = Σ_{t_i <= t} d_i / (n_i (n_i − d_i)) (Kalbfleisch & Prentice 1980; Collett 2015,
///   §2.2.3). It stays inside [0, 1]. It equals R's `survfit(..., conf.type = "log-log")`, the
///   default of SAS PROC LIFETEST and of Python lifelines; R's own default is `conf.type = "log"`,
///   also offered here (``IntervalTransform/log``), as is the plain Greenwood interval
///   (``IntervalTransform/plain``, R's `"plain"`).
public enum KaplanMeier {
    /// How the pointwise band is built from Greenwood's variance.
    public enum IntervalTransform: String, Sendable, Hashable, Codable, CaseIterable {
        /// exp(−exp(log(−log S) ± z σ / |log S|)): R `conf.type = "log-log"`, SAS and lifelines default.
        case logLog
        /// exp(log S ± z σ), upper capped at 1: R `conf.type = "log"` (R's default).
        case log
        /// S ± z S σ (Greenwood's standard error), clipped to [0, 1]: R `conf.type = "plain"`.
        case plain
    }

    /// One step of the curve: the state just after time `time`.
    public struct Step: Sendable, Hashable, Codable {
        /// The observed time (any finite unit, e.g. waves).
        public var time: Double
        /// Subjects at risk just before `time` (those with time >= `time`).
        public var atRisk: Int
        /// Events at `time`.
        public var events: Int
        /// Censorings at `time`.
        public var censored: Int
        /// S(time), in 0...1: the product over event times t_i <= time of (1 − d_i / n_i).
        public var survival: Double
        /// Greenwood's standard error of S: S · σ (Greenwood 1926); `nil` once S = 0 (undefined).
        public var standardError: Double?
        /// Lower band in 0...1; `nil` where the transform is undefined: S = 0 for every transform,
        /// and S = 1 (before the first event) for the log-log transform, as R gives `NA`.
        public var lower: Double?
        /// Upper band in 0...1; `nil` where ``lower`` is.
        public var upper: Double?
    }

    /// The median survival time and its interval.
    public struct Median: Sendable, Hashable, Codable {
        /// The median: the first time S <= 0.5; where S equals 0.5 over a stretch, the midpoint of
        /// that stretch (to the last observed time if S never drops below 0.5). `nil` when S stays
        /// above 0.5 (median not reached: the data show only that it lies beyond the last time).
        public var estimate: Double?
        /// Lower limit: the same rule applied to the lower band; `nil` when never reached.
        public var lower: Double?
        /// Upper limit: the same rule applied to the upper band; `nil` when never reached
        /// (commonly, for small samples: "not available", R prints NA).
        public var upper: Double?
    }

    /// The Kaplan-Meier curve of right-censored times.
    ///
    /// - Parameters:
    ///   - times: one finite time per subject (count = n >= 1).
    ///   - events: `true` = the event happened at that time, `false` = censored then (count = n).
    ///   - level: confidence level of the pointwise band, in (0, 1).
    ///   - transform: see ``IntervalTransform``; log-log by default.
    /// - Returns: one ``Step`` per distinct time, ascending. With no events the curve stays at 1.
    /// - Throws: `.noData` for n = 0; `.shape` when the counts differ; `.nonFinite` for a NaN or
    ///   infinite time; `StatisticError` for a level outside (0, 1).
    public static func estimate(times: [Double], events: [Bool], level: Double = 0.95,
                                transform: IntervalTransform = .logLog) throws(StatisticError) -> [Step] {
        guard times.count == events.count else { throw .shape("\(times.count) times but \(events.count) event flags") }
        guard !times.isEmpty else { throw .noData }
        guard level > 0, level < 1 else { throw StatisticError("confidence level must be in (0, 1), got \(level)") }
        for t in times where !t.isFinite { throw .nonFinite }
        let z = try NormalDistribution.twoSidedCriticalValue(level: level)
        // Finite times only, so the sort never sees NaN.
        let order = times.indices.sorted { times[$0] < times[$1] }
        var steps = [Step]()
        var atRisk = times.count
        var survival = 1.0
        var varianceSum = 0.0  // σ², Greenwood's sum Σ d / (n (n − d))
        var k = 0
        while k < order.count {
            let t = times[order[k]]
            var d = 0, c = 0
            while k < order.count && times[order[k]] == t {
                if events[order[k]] { d += 1 } else { c += 1 }
                k += 1
            }
            if d > 0 {
                survival *= 1 - Double(d) / Double(atRisk)
                varianceSum = d < atRisk ? varianceSum + Double(d) / (Double(atRisk) * Double(atRisk - d)) : .infinity
                if d == atRisk { survival = 0 }
            }
            let band = interval(survival: survival, sigma: varianceSum.squareRoot(), z: z, transform: transform)
            steps.append(Step(time: t, atRisk: atRisk, events: d, censored: c, survival: survival,
                              standardError: survival > 0 ? survival * varianceSum.squareRoot() : nil,
                              lower: band?.lower, upper: band?.upper))
            atRisk -= d + c
        }
        return steps
    }

    /// The median survival time and its interval from a curve given by ``estimate(times:events:level:transform:)``.
    ///
    /// Rule (R `survival`'s `quantile.survfit`, the horizontal line at 0.5 drawn on the curve and on
    /// its bands; Brookmeyer & Crowley 1982): the first time the curve is <= 0.5; if it equals 0.5
    /// (within √ε, about 1.5e-8) over a stretch, the midpoint between that time and the first time it
    /// is below 0.5 − √ε, or the last observed time when it never is. Steps with an undefined band are skipped
    /// for the limits.
    /// - Parameter steps: ascending steps (may be empty: everything `nil`).
    public static func medianTime(_ steps: [Step]) -> Median {
        let times = steps.map(\.time)
        return Median(estimate: crossing(times, steps.map { Optional($0.survival) }),
                      lower: crossing(times, steps.map(\.lower)),
                      upper: crossing(times, steps.map(\.upper)))
    }

    /// The median survival time and its interval straight from the data.
    /// - Throws: as ``estimate(times:events:level:transform:)``.
    public static func medianTime(times: [Double], events: [Bool], level: Double = 0.95,
                                  transform: IntervalTransform = .logLog) throws(StatisticError) -> Median {
        medianTime(try estimate(times: times, events: events, level: level, transform: transform))
    }

    // MARK: - Helpers

    /// The pointwise band at S with σ = √(Greenwood sum); nil where undefined.
    static func interval(survival s: Double, sigma: Double, z: Double,
                         transform: IntervalTransform) -> (lower: Double, upper: Double)? {
        guard s > 0, sigma.isFinite else { return nil }
        switch transform {
        case .plain:
            return (max(0, s - z * s * sigma), min(1, s + z * s * sigma))
        case .log:
            return (exp(log(s) - z * sigma), min(1, exp(log(s) + z * sigma)))
        case .logLog:
            guard s < 1 else { return nil }
            let theta = log(-log(s))
            let spread = z * sigma / abs(log(s))
            return (exp(-exp(theta + spread)), exp(-exp(theta - spread)))
        }
    }

    /// First time the curve reaches 0.5, with R's midpoint rule for a flat stretch at 0.5.
    static func crossing(_ times: [Double], _ values: [Double?], p: Double = 0.5) -> Double? {
        let tolerance = Double.ulpOfOne.squareRoot()
        guard let first = values.indices.first(where: { values[$0].map { $0 <= p + tolerance } ?? false }) else {
            return nil
        }
        if let below = values.indices.first(where: { values[$0].map { $0 <= p - tolerance } ?? false }) {
            return (times[first] + times[below]) / 2
        }
        // Never below p: the curve ends at p (flat to the end). R uses the last observed time,
        // provided the last value is defined.
        if let last = values.last, let v = last, abs(v - p) < tolerance, let end = times.last {
            return (times[first] + end) / 2
        }
        return nil
    }
}
