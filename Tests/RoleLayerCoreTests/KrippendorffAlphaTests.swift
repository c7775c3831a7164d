import PropertyBased
import Testing
@testable import RoleLayerCore

/// Krippendorff's alpha: oracles O3–O5, the fast paths against the coincidence matrix, invariances and edge cases.
struct KrippendorffAlphaTests {
    /// Transposes a coders × units table (as the oracles print it) into units × coders.
    private func unitsByCoders(_ coders: [[Double?]]) -> [[Double?]] {
        (0..<coders[0].count).map { u in coders.map { $0[u] } }
    }

    private var o3: [[Double?]] {
        unitsByCoders([
            [nil, nil, nil, nil, nil, 3, 4, 1, 2, 1, 1, 3, 3, nil, 3],
            [1, nil, 2, 1, 3, 3, 4, 3, nil, nil, nil, nil, nil, nil, nil],
            [nil, nil, 2, 1, 3, 4, 4, nil, 2, 1, 1, 3, 3, nil, 4],
        ])
    }

    private var o4: [[Double?]] {
        unitsByCoders([
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ])
    }

    /// O3 (Wikipedia / fast-krippendorff doctest): nominal 0.691358 and interval 0.810845.
    @Test func o3WikipediaExample() throws {
        #expect(abs(try KrippendorffAlpha.alpha(o3, metric: .nominal) - 0.691358) < 5e-7)
        #expect(abs(try KrippendorffAlpha.alpha(o3, metric: .interval) - 0.810845) < 5e-7)
    }

    /// O4 (Krippendorff 2011 "C" data): nominal, ordinal, interval and ratio at the [calc] precision.
    @Test func o4KrippendorffC() throws {
        #expect(abs(try KrippendorffAlpha.alpha(o4, metric: .nominal) - 0.743421) < 5e-7)
        #expect(abs(try KrippendorffAlpha.alpha(o4, metric: .ordinal) - 0.815388) < 5e-7)
        #expect(abs(try KrippendorffAlpha.alpha(o4, metric: .interval) - 0.849107) < 5e-7)
        #expect(abs(try KrippendorffAlpha.alpha(o4, metric: .ratio) - 0.797403) < 5e-7)
        // [pub] three decimals
        #expect(abs(try KrippendorffAlpha.alpha(o4, metric: .ordinal) - 0.815) < 5e-4)
    }

    /// O4 ordinal with the value domain 1...5 gives the same value as the observed values.
    @Test func o4OrdinalWithValueDomain() throws {
        let withDomain = try KrippendorffAlpha.alpha(o4, metric: .ordinal, valueDomain: [1, 2, 3, 4, 5])
        #expect(abs(withDomain - 0.815388) < 5e-7)
        // An unused category in the domain does not change the ordinal value.
        let wider = try KrippendorffAlpha.alpha(o4, metric: .ordinal, valueDomain: [0, 1, 2, 3, 4, 5, 6])
        #expect(abs(wider - withDomain) < 1e-12)
    }

    /// The value domain's order, not the numeric order, orders ordinal categories.
    @Test func valueDomainOrdersOrdinalCategories() throws {
        // Relabel O4's categories 1...5 as 50, 40, 30, 20, 10 and give the domain in the original order.
        let relabelled = o4.map { $0.map { $0.map { 60 - 10 * $0 } } }
        let value = try KrippendorffAlpha.alpha(relabelled, metric: .ordinal, valueDomain: [50, 40, 30, 20, 10])
        #expect(abs(value - 0.815388) < 5e-7)
    }

    /// O5 (Krippendorff 2011 binary example): 0.095238.
    @Test func o5Binary() throws {
        let data = unitsByCoders([
            [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
            [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
        ])
        #expect(abs(try KrippendorffAlpha.alpha(data, metric: .nominal) - 0.095238) < 5e-7)
        #expect(abs(try KrippendorffAlpha.alpha(data, metric: .nominal) - 0.095) < 5e-4)
    }

    /// The O(Σ m_u) fast paths equal the explicit coincidence-matrix computation on random data with missing values.
    @Test func fastPathsMatchCoincidenceMatrix() throws {
        var rng = RandomGenerator(seed: 31, stream: 0)
        for _ in 0..<200 {
            let data = randomReliabilityData(&rng)
            for metric in [KrippendorffAlpha.Metric.nominal, .ordinal, .interval] {
                let fast: Double, slow: Double
                do {
                    fast = try KrippendorffAlpha.alpha(data, metric: metric)
                } catch {
                    // The slow path must fail for the same data too.
                    #expect(throws: StatisticError.self) {
                        try KrippendorffAlpha.coincidenceAlpha(
                            KrippendorffAlpha.PairableValues(data, valueDomain: nil, metric: metric), metric: metric)
                    }
                    continue
                }
                slow = try KrippendorffAlpha.coincidenceAlpha(
                    KrippendorffAlpha.PairableValues(data, valueDomain: nil, metric: metric), metric: metric)
                #expect(abs(fast - slow) < 1e-10, "\(metric)")
            }
        }
    }

    /// Alpha does not depend on the order of units or of coders (property test).
    @Test func permutationInvariance() async {
        await propertyCheck(count: 100, input: Gen.int(in: 0...1_000_000)) { seed in
            var rng = RandomGenerator(seed: UInt64(seed), stream: 1)
            let data = randomReliabilityData(&rng)
            var units = data
            rng.shuffle(&units)
            var coderOrder = Array(0..<data[0].count)
            rng.shuffle(&coderOrder)
            let coders = data.map { row in coderOrder.map { row[$0] } }
            for metric in KrippendorffAlpha.Metric.allCases {
                let reference = try? KrippendorffAlpha.alpha(data, metric: metric)
                let byUnits = try? KrippendorffAlpha.alpha(units, metric: metric)
                let byCoders = try? KrippendorffAlpha.alpha(coders, metric: metric)
                #expect((reference == nil) == (byUnits == nil) && (reference == nil) == (byCoders == nil))
                if let reference, let byUnits, let byCoders {
                    #expect(abs(reference - byUnits) < 1e-10)
                    #expect(abs(reference - byCoders) < 1e-10)
                    #expect(reference <= 1 + 1e-12)
                }
            }
        }
    }

    /// Perfect agreement gives 1 under every metric; units with a single value are ignored.
    @Test func perfectAgreement() throws {
        let data: [[Double?]] = [[1, 1, nil], [2, 2, 2], [3, nil, 3], [4, nil, nil]]
        for metric in KrippendorffAlpha.Metric.allCases {
            #expect(abs(try KrippendorffAlpha.alpha(data, metric: metric) - 1) < 1e-12)
        }
    }

    /// Empty input, all missing, single-value units and ties everywhere are "not available".
    @Test func notAvailable() {
        #expect(throws: StatisticError.self) { try KrippendorffAlpha.alpha([], metric: .nominal) }
        #expect(throws: StatisticError.self) { try KrippendorffAlpha.alpha([[nil, nil], [nil, nil]], metric: .interval) }
        #expect(throws: StatisticError.self) { try KrippendorffAlpha.alpha([[1, nil], [nil, 2]], metric: .nominal) }
        // Ties everywhere: one distinct value, D_e = 0.
        #expect(throws: KrippendorffAlpha.onlyOneValue) {
            try KrippendorffAlpha.alpha([[3, 3], [3, 3, 3], [3, nil]], metric: .ordinal)
        }
    }

    /// Non-finite values, negative ratio values and values outside the domain are rejected.
    @Test func invalidInput() {
        #expect(throws: StatisticError.nonFinite) { try KrippendorffAlpha.alpha([[1, .nan], [1, 2]], metric: .nominal) }
        #expect(throws: StatisticError.nonFinite) { try KrippendorffAlpha.alpha([[.infinity], [1, 2]], metric: .nominal) }
        #expect(throws: StatisticError.self) { try KrippendorffAlpha.alpha([[1, -1], [1, 2]], metric: .ratio) }
        #expect(throws: StatisticError.self) { try KrippendorffAlpha.alpha([[1, 7], [1, 2]], metric: .ordinal, valueDomain: [1, 2, 3]) }
        #expect(throws: StatisticError.self) { try KrippendorffAlpha.alpha([[1, 2], [1, 2]], metric: .ordinal, valueDomain: [1, 2, 2]) }
    }

    /// Systematic disagreement gives a negative alpha, reported as is.
    @Test func systematicDisagreement() throws {
        let data: [[Double?]] = [[1, 2], [2, 1], [1, 2], [2, 1]]
        let value = try KrippendorffAlpha.alpha(data, metric: .nominal)
        // D_o = 1, n = 8, D_e = 2·4·4/(8·7) = 4/7 → α = 1 − 7/4 = −0.75.
        #expect(abs(value - (-0.75)) < 1e-12)
    }
}

/// A random units × coders matrix: 2–30 units, 2–6 coders, values 1...5 (sometimes 0...9), about 30% missing.
private func randomReliabilityData(_ rng: inout RandomGenerator) -> [[Double?]] {
    let units = 2 + rng.nextInt(below: 29), coders = 2 + rng.nextInt(below: 5)
    let wide = rng.nextBool(probability: 0.3)
    let bias = rng.nextInt(below: 4)
    return (0..<units).map { _ in
        let truth = 1 + rng.nextInt(below: 5)
        return (0..<coders).map { _ -> Double? in
            if rng.nextBool(probability: 0.3) { return nil }
            if wide { return Double(rng.nextInt(below: 10)) }
            return Double(rng.nextInt(below: 4) < bias ? 1 + rng.nextInt(below: 5) : truth)
        }
    }
}
