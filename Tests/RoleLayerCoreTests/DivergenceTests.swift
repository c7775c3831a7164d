#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PropertyBased
import Testing
@testable import RoleLayerCore

/// Jensen–Shannon divergence, Jaccard distance and the top-k Spearman footrule.
struct DivergenceTests {
    // MARK: - Jensen–Shannon

    /// O9 (scipy `jensenshannon` docstring): distances √JSD in base 2 and natural log.
    @Test func oracleO9() throws {
        expectRelative(try JensenShannon.distance([1, 0, 0], [0, 1, 0]), 1.0, 1e-15)
        expectRelative(try JensenShannon.divergence([1, 0, 0], [0, 1, 0]), 1.0, 1e-15)
        expectRelative(try JensenShannon.distance([1, 0], [0.5, 0.5], base: M_E), 0.46450140402245893, 1e-14)
        #expect(try JensenShannon.divergence([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]) == 0)
        // a = [[1,2,3,4],[5,6,7,8],[9,10,11,12]], b = a + 12, natural log.
        let a: [[Double]] = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
        let b = a.map { $0.map { $0 + 12 } }
        let axis0 = [0.1954288, 0.1447697, 0.1138377, 0.0927636]
        for j in 0..<4 {
            let d = try JensenShannon.distance(a.map { $0[j] }, b.map { $0[j] }, base: M_E)
            expectPrinted(d, axis0[j], decimals: 7, "axis 0, column \(j)")
        }
        let axis1 = [0.1402339, 0.0399106, 0.0201815]
        for i in 0..<3 {
            expectPrinted(try JensenShannon.distance(a[i], b[i], base: M_E), axis1[i], decimals: 7, "axis 1, row \(i)")
        }
    }

    /// Inputs are normalised: counts and shares give the same divergence; base 2 is the natural
    /// value divided by ln 2.
    @Test func normalisesAndConvertsBase() throws {
        let counts = [3.0, 1, 0, 6], shares = [0.3, 0.1, 0, 0.6], q = [1.0, 1, 1, 1]
        expectRelative(try JensenShannon.divergence(counts, q), try JensenShannon.divergence(shares, q), 1e-14)
        expectRelative(try JensenShannon.divergence(counts, q, base: M_E) / log(2.0), try JensenShannon.divergence(counts, q), 1e-14)
    }

    /// Property: symmetric and in 0...1 (base 2), 0 on identical inputs.
    @Test func jsdSymmetricAndBounded() async {
        let vector = Gen.double(in: 0...10).array(of: 4)
        await propertyCheck(input: vector, vector) { p, q in
            guard p.reduce(0, +) > 0, q.reduce(0, +) > 0 else { return }
            let d1 = try? JensenShannon.divergence(p, q), d2 = try? JensenShannon.divergence(q, p)
            #expect(d1 != nil && d2 != nil && abs(d1! - d2!) <= 1e-15)
            #expect(d1! >= 0 && d1! <= 1)
            #expect(try! JensenShannon.divergence(p, p) < 1e-15)
        }
    }

    /// Empty, all-zero, negative, NaN and mismatched inputs are not available.
    @Test func jsdErrors() {
        expectStatisticError(.noData) { try JensenShannon.divergence([], []) }
        expectStatisticError(.noData) { try JensenShannon.divergence([0, 0], [1, 0]) }
        expectStatisticError(.shape("distributions of lengths 2 and 3")) { try JensenShannon.divergence([1, 0], [1, 0, 0]) }
        expectStatisticError(StatisticError("shares must be non-negative")) { try JensenShannon.divergence([1, -1], [1, 0]) }
        expectStatisticError(.nonFinite) { try JensenShannon.divergence([1, .nan], [1, 0]) }
        expectStatisticError(StatisticError("log base must be > 1")) { try JensenShannon.divergence([1], [1], base: 1) }
    }

    // MARK: - Jaccard

    /// Hand-checked distances, including the empty-empty convention (0).
    @Test func jaccardValues() {
        #expect(Jaccard.distance(0, 0) == 0)
        #expect(Jaccard.distance(0b1011, 0b1011) == 0)
        #expect(Jaccard.distance(0b0011, 0b1100) == 1)
        #expect(Jaccard.distance(0b0111, 0b1110) == 0.5)     // |∩| = 2, |∪| = 4
        #expect(Jaccard.distance(0, 0b1) == 1)
        #expect(Jaccard.similarity(0b0111, 0b0001) == 1.0 / 3)
        #expect(Jaccard.distance(.max, .max >> 1) == 1.0 / 64)
    }

    /// Property: symmetric, in 0...1, 0 exactly when the sets are equal.
    @Test func jaccardSymmetricAndBounded() async {
        await propertyCheck(input: Gen<UInt64>.bitSet(mask: 0x3FFF), Gen<UInt64>.bitSet(mask: 0x3FFF)) { a, b in
            let d = Jaccard.distance(a, b)
            #expect(d == Jaccard.distance(b, a))
            #expect(d >= 0 && d <= 1)
            #expect((d == 0) == (a == b))
        }
    }

    // MARK: - Spearman footrule

    /// Identical lists score 0, disjoint lists 1, whatever the lengths.
    @Test func footruleExtremes() throws {
        #expect(try SpearmanFootrule.normalisedDistance([3, 1, 4], [3, 1, 4], k: 3) == 0)
        #expect(try SpearmanFootrule.normalisedDistance([0, 1, 2], [3, 4, 5], k: 3) == 1)
        #expect(try SpearmanFootrule.normalisedDistance([0], [3, 4], k: 3) == 1)
        #expect(try SpearmanFootrule.normalisedDistance([7], [7], k: 3) == 0)
    }

    /// Hand-computed values with ℓ = k + 1 = 4.
    @Test func footruleHandValues() throws {
        // Swap of the top two: |1−2| + |2−1| = 2; disjoint maximum (3+2+1)·2 = 12.
        expectRelative(try SpearmanFootrule.normalisedDistance([0, 1, 2], [1, 0, 2], k: 3), 2.0 / 12, 1e-15)
        // Reversal: |1−3| + 0 + |3−1| = 4.
        expectRelative(try SpearmanFootrule.normalisedDistance([0, 1, 2], [2, 1, 0], k: 3), 4.0 / 12, 1e-15)
        // a = [0, 1, 2], b = [0, 5]: item 0: 0; item 1: |2−4| = 2; item 2: |3−4| = 1; item 5: |4−2| = 2.
        // Maximum: (3 + 2 + 1) + (3 + 2) = 11.
        expectRelative(try SpearmanFootrule.normalisedDistance([0, 1, 2], [0, 5], k: 3), 5.0 / 11, 1e-15)
        // Same item at a different rank in lists of length 1 and 2: a = [4], b = [9, 4]:
        // item 4: |1 − 2| = 1; item 9: |4 − 1| = 3; maximum 3 + (3 + 2) = 8.
        expectRelative(try SpearmanFootrule.normalisedDistance([4], [9, 4], k: 3), 4.0 / 8, 1e-15)
    }

    /// Property: symmetric and in 0...1 over random top-3 lists of an 8-item universe.
    @Test func footruleSymmetricAndBounded() async {
        let list = Gen.int(in: 0...7).array(of: 1...3)
        await propertyCheck(count: 300, input: list, list) { a0, b0 in
            let a = Self.distinct(a0), b = Self.distinct(b0)
            let d = try! SpearmanFootrule.normalisedDistance(a, b, k: 3)
            #expect(d == (try! SpearmanFootrule.normalisedDistance(b, a, k: 3)))
            #expect(d >= 0 && d <= 1)
            #expect((d == 0) == (a == b))
        }
    }

    /// An empty list has no ranking: "not available"; other invalid lists too.
    @Test func footruleErrors() {
        let empty = StatisticError("an empty list has no ranking")
        expectStatisticError(empty) { try SpearmanFootrule.normalisedDistance([], [1], k: 3) }
        expectStatisticError(empty) { try SpearmanFootrule.normalisedDistance([1], [], k: 3) }
        expectStatisticError(empty) { try SpearmanFootrule.normalisedDistance([], [], k: 3) }
        expectStatisticError(.shape("a list is longer than k = 2")) { try SpearmanFootrule.normalisedDistance([1, 2, 3], [1], k: 2) }
        expectStatisticError(StatisticError("a list repeats an item")) { try SpearmanFootrule.normalisedDistance([1, 1], [1], k: 3) }
        expectStatisticError(StatisticError("item indices must be non-negative")) { try SpearmanFootrule.normalisedDistance([-1], [1], k: 3) }
        expectStatisticError(StatisticError("k must be at least 1")) { try SpearmanFootrule.normalisedDistance([0], [1], k: 0) }
    }

    /// Keeps the first occurrence of each item.
    static func distinct(_ list: [Int]) -> [Int] {
        var seen = Set<Int>(), out = [Int]()
        for x in list where seen.insert(x).inserted { out.append(x) }
        return out
    }
}
