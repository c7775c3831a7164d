import Testing
@testable import RoleLayerCore

/// Benjamini–Hochberg, Benjamini–Yekutieli and Holm adjustments.
struct MultipleTestingTests {
    static let bh1995: [Double] = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
                                   0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000]

    /// O8: BH 1995 §4 (scipy docstring) adjusted values to the printed precision; 4 rejections at 0.05.
    @Test func oracleO8BenjaminiHochberg() {
        let expected = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714, 0.06385714, 0.0645, 0.0765,
                        0.486, 0.58118182, 0.714875, 0.75323077, 0.81321429, 1.0]
        let adjusted = BenjaminiHochberg.adjust(Self.bh1995)
        for (a, e) in zip(adjusted, expected) { expectPrinted(a, e, decimals: 8) }
        #expect(BenjaminiHochberg.rejected(Self.bh1995, q: 0.05).filter { $0 == true }.count == 4)
    }

    /// O8: unsorted input keeps its order.
    @Test func oracleO8Unsorted() {
        let adjusted = BenjaminiHochberg.adjust([0.5, 0.6, 0.1, 0.001])
        for (a, e) in zip(adjusted, [0.6, 0.6, 0.2, 0.004]) { expectRelative(a, e, 1e-14) }
    }

    /// O8: pingouin `multicomp` BH values and rejections.
    @Test func oracleO8Pingouin() {
        let p: [Double?] = [0.50, 0.003, 0.32, 0.054, 0.0003]
        for (a, e) in zip(BenjaminiHochberg.adjust(p), [0.5, 0.0075, 0.4, 0.09, 0.0015]) { expectRelative(a, e, 1e-12) }
        #expect(BenjaminiHochberg.rejected(p) == [false, true, false, false, true])
    }

    /// O8: Holm with a missing p-value in third place; the missing one is left out of m.
    @Test func oracleO8HolmWithMissing() {
        for missing: Double? in [nil, .nan] {
            let adjusted = Holm.adjust([0.50, 0.003, missing, 0.054, 0.0003])
            #expect(adjusted[2] == nil)
            for (a, e) in zip(adjusted, [0.5, 0.009, nil, 0.108, 0.0012]) {
                if let e { expectRelative(a, e, 1e-12) }
            }
        }
    }

    /// BH with nil/NaN: m counts only the valid p-values.
    @Test func missingLeftOutOfM() {
        let withGaps = BenjaminiHochberg.adjust([0.5, nil, 0.6, .nan, 0.1, 0.001, 1.5])
        let dense = BenjaminiHochberg.adjust([0.5, 0.6, 0.1, 0.001])
        #expect(withGaps[1] == nil && withGaps[3] == nil && withGaps[6] == nil)
        #expect([withGaps[0], withGaps[2], withGaps[4], withGaps[5]] == dense)
        #expect(BenjaminiHochberg.adjust([]) == [])
        #expect(BenjaminiHochberg.adjust([nil, nil]) == [nil, nil])
    }

    /// BY matches scipy `false_discovery_control(method="by")` on the BH 1995 data.
    @Test func benjaminiYekutieli() {
        let expected = [0.004977343489843491, 0.009954686979686982, 0.03152317543567544, 0.11821190788378289,
                        0.20008920829170831, 0.21189262285333718, 0.21189262285333718, 0.2140257700632701,
                        0.25384451798201807, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]
        for (a, e) in zip(BenjaminiYekutieli.adjust(Self.bh1995), expected) { expectRelative(a, e, 1e-12) }
    }

    /// Properties (seeded): adjusted ≥ raw, ≤ 1, monotone in the raw order, BY ≥ BH, Holm ≥ BH.
    @Test func adjustedMonotoneAndAboveRaw() {
        var g = RandomGenerator(seed: 17)
        for _ in 0..<300 {
            let m = 1 + g.nextInt(below: 40)
            let p: [Double?] = (0..<m).map { _ in
                let u = g.nextDouble()
                return u < 0.1 ? nil : (g.nextDouble() < 0.2 ? g.nextDouble() * 0.01 : g.nextDouble())
            }
            let bh = BenjaminiHochberg.adjust(p), by = BenjaminiYekutieli.adjust(p), holm = Holm.adjust(p)
            for i in 0..<m {
                guard let raw = p[i] else { #expect(bh[i] == nil); continue }
                #expect(bh[i]! >= raw && bh[i]! <= 1)
                #expect(by[i]! >= bh[i]! - 1e-15)
                #expect(holm[i]! >= bh[i]! - 1e-15)
                for j in 0..<m { if let rj = p[j], rj <= raw { #expect(bh[j]! <= bh[i]! + 1e-15) } }
            }
        }
    }
}
