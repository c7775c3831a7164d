/// Krippendorff's alpha: chance-corrected agreement among coders who may be missing from units.
///
/// α = 1 − D_o / D_e, with observed disagreement D_o = (1/n) Σ_c Σ_k o_ck δ²_ck over the
/// coincidence matrix o_ck = Σ_u (n_uc·n_uk − [c = k]·n_uc) / (m_u − 1), and expected disagreement
/// D_e = (1/(n(n−1))) Σ_c Σ_k n_c·n_k·δ²_ck, where n_uc is how often value c occurs in unit u,
/// m_u the number of values in unit u, n_c the pairable count of value c and n the number of
/// pairable values (values in units with m_u ≥ 2; other units are dropped).
///
/// Distance metrics δ²_ck: nominal [c ≠ k]; interval (c − k)²; ratio ((c − k)/(c + k))²;
/// ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)².
///
/// Sources: Krippendorff 2004, *Content Analysis* (2nd ed.), ch. 11; Krippendorff 2011,
/// "Computing Krippendorff's alpha-reliability" (Annenberg School working paper); Hayes &
/// Krippendorff 2007, *Communication Methods and Measures* 1:77–89.
///
/// Cost: O(Σ_u m_u + V log V) for nominal, ordinal and interval, without any loop over pairs
/// of coders: the nominal sum uses Σ_{c≠k} n_uc·n_uk = m_u² − Σ_c n_uc²; the interval sum uses
/// Σ_c Σ_k n_uc·n_uk·(t_c − t_k)² = 2·m_u·Σ_i (t_i − t̄_u)²; and the ordinal metric is the interval
/// metric on the mid-rank positions t_c = Σ_{g<c} n_g + n_c/2, since Σ_{g=c..k} n_g − (n_c + n_k)/2
/// = t_k − t_c. The ratio metric does not factor: it builds the V × V coincidence matrix from
/// each unit's distinct values, O(Σ_u d_u² + V²) with d_u ≤ min(m_u, V) distinct values in unit u.
public enum KrippendorffAlpha {
    /// The level of measurement, which fixes the distance δ² between two values.
    public enum Metric: String, Sendable, Hashable, Codable, CaseIterable {
        /// Categories without order: δ² = 1 when the values differ.
        case nominal
        /// Ordered categories: δ² from the counts of values between c and k (Krippendorff 2011).
        case ordinal
        /// Equal-interval numbers: δ² = (c − k)².
        case interval
        /// Numbers with a true zero, all ≥ 0: δ² = ((c − k)/(c + k))².
        case ratio
    }

    /// Krippendorff's alpha of a reliability matrix.
    ///
    /// - Parameters:
    ///   - data: units × coders, `data[u][c]` the value coder c gave unit u, `nil` = missing.
    ///     Rows may differ in length (absent trailing entries are missing). For RoleLayer's cohort
    ///     agreement: units = organisations, coders = roles. Values must be finite; under `.ratio`
    ///     they must be ≥ 0.
    ///   - metric: the level of measurement.
    ///   - valueDomain: optional list of admissible values, distinct and finite. When given, every
    ///     value must be in it and, for `.ordinal`, the list's order is the order of the categories
    ///     (otherwise ascending numeric order). Values of the domain that nobody used have count 0
    ///     and do not change α.
    /// - Returns: α, at most 1 (1 = perfect agreement, 0 = chance agreement, negative =
    ///   systematic disagreement).
    /// - Throws: `.nonFinite` for NaN or infinite values; `StatisticError` when a value lies
    ///   outside `valueDomain`, when the domain repeats a value, when a ratio value is negative,
    ///   when no unit has two or more values ("no unit has two or more values"), or when the
    ///   pairable values are all equal so that D_e = 0 ("only one distinct value ..."). That last
    ///   case is decided by counting the distinct pairable values, not by testing the computed
    ///   D_e for > 0: under the interval metric, values all equal to 0.1 give a computed D_e of
    ///   rounding noise (about 1e-32), not 0.
    public static func alpha(
        _ data: [[Double?]], metric: Metric, valueDomain: [Double]? = nil
    ) throws(StatisticError) -> Double {
        let table = try PairableValues(data, valueDomain: valueDomain, metric: metric)
        guard table.distinctValueCount >= 2 else { throw onlyOneValue }
        switch metric {
        case .nominal:
            return try nominalAlpha(table)
        case .interval:
            return try intervalAlpha(table, coordinates: table.values)
        case .ordinal:
            return try intervalAlpha(table, coordinates: table.midRankPositions())
        case .ratio:
            return try coincidenceAlpha(table, metric: .ratio)
        }
    }

    // MARK: - Fast paths

    /// Nominal α from per-unit sums of squared value counts.
    static func nominalAlpha(_ table: PairableValues) throws(StatisticError) -> Double {
        let n = Double(table.pairableCount)
        var observed = 0.0  // Σ_u (m_u² − Σ_c n_uc²) / (m_u − 1)
        var scratch = [Int](repeating: 0, count: table.values.count)
        var touched: [Int] = []
        touched.reserveCapacity(16)
        table.forEachUnit { indices in
            let m = indices.count
            for index in indices {
                if scratch[index] == 0 { touched.append(index) }
                scratch[index] += 1
            }
            var sumOfSquares = 0
            for index in touched {
                sumOfSquares += scratch[index] * scratch[index]
                scratch[index] = 0
            }
            touched.removeAll(keepingCapacity: true)
            observed += Double(m * m - sumOfSquares) / Double(m - 1)
        }
        var marginalSquares = 0.0
        for count in table.counts { marginalSquares += Double(count) * Double(count) }
        let expected = n * n - marginalSquares  // Σ_{c≠k} n_c n_k
        guard expected > 0 else { throw onlyOneValue }
        return 1 - (n - 1) * observed / expected
    }

    /// Interval α on coordinates t (the values, or ordinal mid-rank positions), from per-unit
    /// centred sums of squares.
    static func intervalAlpha(_ table: PairableValues, coordinates t: [Double]) throws(StatisticError) -> Double {
        let n = Double(table.pairableCount)
        var observed = 0.0  // Σ_u [2 m_u Σ_i (t_i − t̄_u)²] / (m_u − 1)
        table.forEachUnit { indices in
            let m = Double(indices.count)
            var sum = 0.0
            for index in indices { sum += t[index] }
            let mean = sum / m
            var squares = 0.0
            for index in indices { let d = t[index] - mean; squares += d * d }
            observed += 2 * m * squares / (m - 1)
        }
        var total = 0.0
        for (c, count) in table.counts.enumerated() { total += Double(count) * t[c] }
        let grandMean = total / n
        var squares = 0.0
        for (c, count) in table.counts.enumerated() where count > 0 {
            let d = t[c] - grandMean
            squares += Double(count) * d * d
        }
        let expected = 2 * n * squares  // Σ_c Σ_k n_c n_k (t_c − t_k)²
        guard expected > 0 else { throw onlyOneValue }
        return 1 - (n - 1) * observed / expected
    }

    // MARK: - Coincidence matrix (any metric)

    /// α through the explicit V × V coincidence matrix; used for the ratio metric and, in tests,
    /// to cross-check the fast paths of the other metrics.
    static func coincidenceAlpha(_ table: PairableValues, metric: Metric) throws(StatisticError) -> Double {
        let v = table.values.count
        let n = Double(table.pairableCount)
        var coincidences = [Double](repeating: 0, count: v * v)
        var scratch = [Int](repeating: 0, count: v)
        var touched: [Int] = []
        table.forEachUnit { indices in
            let scale = 1 / Double(indices.count - 1)
            for index in indices {
                if scratch[index] == 0 { touched.append(index) }
                scratch[index] += 1
            }
            for c in touched {
                let nc = Double(scratch[c])
                for k in touched {
                    let nk = Double(scratch[k])
                    coincidences[c * v + k] += (c == k ? nc * (nc - 1) : nc * nk) * scale
                }
            }
            for c in touched { scratch[c] = 0 }
            touched.removeAll(keepingCapacity: true)
        }
        let delta = table.squaredDistances(metric: metric)
        var observed = 0.0, expected = 0.0
        for c in 0..<v {
            let nc = Double(table.counts[c])
            for k in 0..<v where k != c {
                observed += coincidences[c * v + k] * delta[c * v + k]
                expected += nc * Double(table.counts[k]) * delta[c * v + k]
            }
        }
        guard expected > 0 else { throw onlyOneValue }
        return 1 - (n - 1) * observed / expected
    }

    static let onlyOneValue = StatisticError(
        "only one distinct value among the pairable values: expected disagreement is zero")
}

// MARK: - Pairable values

extension KrippendorffAlpha {
    /// The pairable values of a reliability matrix: each unit with two or more values, as indices
    /// into the sorted (or domain-ordered) list of distinct values, stored contiguously.
    struct PairableValues {
        /// Distinct values in category order.
        var values: [Double]
        /// Pairable count n_c of each value.
        var counts: [Int]
        /// Value indices of all pairable units, unit after unit.
        var indices: [Int32]
        /// Start of each unit in `indices`, plus the end (count = units + 1).
        var unitStarts: [Int]
        var pairableCount: Int { indices.count }
        /// How many distinct values occur among the pairable values (domain values nobody used
        /// do not count).
        var distinctValueCount: Int { counts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) } }

        init(_ data: [[Double?]], valueDomain: [Double]?, metric: Metric) throws(StatisticError) {
            var lookup: [Double: Int] = [:]
            var values: [Double] = []
            if let domain = valueDomain {
                for value in domain {
                    guard value.isFinite else { throw .nonFinite }
                    guard lookup[value] == nil else { throw StatisticError("the value domain repeats \(value)") }
                    lookup[value] = values.count
                    values.append(value)
                }
            }
            var raw: [Int32] = []
            var starts: [Int] = [0]
            for row in data {
                var m = 0
                for entry in row where entry != nil { m += 1 }
                guard m >= 2 else {
                    for case let value? in row where !value.isFinite { throw .nonFinite }
                    continue
                }
                for case let value? in row {
                    guard value.isFinite else { throw .nonFinite }
                    if metric == .ratio && value < 0 {
                        throw StatisticError("the ratio metric needs values >= 0, found \(value)")
                    }
                    let key = value == 0 ? 0 : value  // −0 and +0 are one value
                    if let index = lookup[key] {
                        raw.append(Int32(index))
                    } else {
                        guard valueDomain == nil else {
                            throw StatisticError("the value \(value) is not in the value domain")
                        }
                        lookup[key] = values.count
                        raw.append(Int32(values.count))
                        values.append(key)
                    }
                }
                starts.append(raw.count)
            }
            guard !raw.isEmpty else { throw StatisticError("no unit has two or more values") }
            // Category order: the domain's order, or ascending values.
            if valueDomain == nil {
                let order = values.indices.sorted { values[$0] < values[$1] }  // all finite
                var rank = [Int32](repeating: 0, count: values.count)
                for (position, index) in order.enumerated() { rank[index] = Int32(position) }
                for i in raw.indices { raw[i] = rank[Int(raw[i])] }
                values = order.map { values[$0] }
            }
            var counts = [Int](repeating: 0, count: values.count)
            for index in raw { counts[Int(index)] += 1 }
            self.values = values
            self.counts = counts
            self.indices = raw
            self.unitStarts = starts
        }

        /// Calls `body` with the value indices of each pairable unit (a reused buffer).
        func forEachUnit(_ body: (_ indices: ArraySlice<Int>) -> Void) {
            var buffer: [Int] = []
            for u in 0..<(unitStarts.count - 1) {
                buffer.removeAll(keepingCapacity: true)
                for i in unitStarts[u]..<unitStarts[u + 1] { buffer.append(Int(indices[i])) }
                body(buffer[...])
            }
        }

        /// Ordinal coordinates t_c = Σ_{g<c} n_g + n_c / 2 (categories in order).
        func midRankPositions() -> [Double] {
            var positions = [Double](repeating: 0, count: counts.count)
            var below = 0.0
            for (c, count) in counts.enumerated() {
                positions[c] = below + Double(count) / 2
                below += Double(count)
            }
            return positions
        }

        /// The V × V matrix of δ²_ck, row-major.
        func squaredDistances(metric: Metric) -> [Double] {
            let v = values.count
            var delta = [Double](repeating: 0, count: v * v)
            let t = metric == .ordinal ? midRankPositions() : values
            for c in 0..<v {
                for k in 0..<v where k != c {
                    let d: Double
                    switch metric {
                    case .nominal: d = 1
                    case .interval, .ordinal: d = (t[c] - t[k]) * (t[c] - t[k])
                    case .ratio:
                        let sum = values[c] + values[k]
                        d = sum == 0 ? 0 : ((values[c] - values[k]) / sum) * ((values[c] - values[k]) / sum)
                    }
                    delta[c * v + k] = d
                }
            }
            return delta
        }
    }
}
