import PropertyBased
import Testing
@testable import RoleLayerCore

/// Within-group agreement: oracle O20, truncation, missing answers, bounds and edge cases.
struct WithinGroupAgreementTests {
    private let toy: [Double] = [4, 4, 5, 3, 4]

    /// O20: ratings [4,4,5,3,4] on 5 points give rwg 0.75, AD_M = AD_Md = 0.4, awg 0.733333.
    @Test func o20SingleItem() throws {
        #expect(abs(try WithinGroupAgreement.rwg(toy, scalePoints: 5) - 0.75) < 1e-12)
        #expect(abs(try WithinGroupAgreement.averageDeviation(toy, around: .mean) - 0.4) < 1e-12)
        #expect(abs(try WithinGroupAgreement.averageDeviation(toy, around: .median) - 0.4) < 1e-12)
        #expect(abs(try WithinGroupAgreement.awg(toy, lowest: 1, highest: 5) - 0.733333) < 5e-7)
    }

    /// O20: three items each with s² = 0.5 give rwg(J) = 0.9 and r*wg(J) = 0.75.
    @Test func o20ThreeItems() throws {
        let items: [[Double?]] = toy.map { [$0, $0, $0] }
        #expect(abs(try WithinGroupAgreement.rwgJ(items: items, scalePoints: 5) - 0.9) < 1e-12)
        #expect(abs(try WithinGroupAgreement.lindellRwgJ(items: items, scalePoints: 5) - 0.75) < 1e-12)
        #expect(abs(try WithinGroupAgreement.averageDeviation(items: items) - 0.4) < 1e-12)
        #expect(abs(try WithinGroupAgreement.awg(items: items, lowest: 1, highest: 5) - 0.733333) < 5e-7)
    }

    /// The uniform null variance is (A² − 1)/12: 2.0 for 5 points, 4.0 for 7.
    @Test func uniformNull() throws {
        #expect(try WithinGroupAgreement.uniformNullVariance(scalePoints: 5) == 2)
        #expect(try WithinGroupAgreement.uniformNullVariance(scalePoints: 7) == 4)
        #expect(throws: StatisticError.self) { try WithinGroupAgreement.uniformNullVariance(scalePoints: 1) }
    }

    /// A variance above the null truncates rwg and rwg(J) to 0, while Lindell's r*wg(J) goes negative.
    @Test func truncation() throws {
        let split: [Double] = [1, 5, 1, 5]  // s² = 16/3 > 2
        #expect(try WithinGroupAgreement.rwg(split, scalePoints: 5) == 0)
        let items: [[Double?]] = split.map { [$0, $0] }
        #expect(try WithinGroupAgreement.rwgJ(items: items, scalePoints: 5) == 0)
        #expect(abs(try WithinGroupAgreement.lindellRwgJ(items: items, scalePoints: 5) - (1 - 8.0 / 3)) < 1e-12)
    }

    /// Zero variance gives rwg = rwg(J) = 1 and AD = 0.
    @Test func zeroVariance() throws {
        #expect(try WithinGroupAgreement.rwg([3, 3, 3], scalePoints: 5) == 1)
        #expect(try WithinGroupAgreement.rwgJ(items: [[3, 2], [3, 2]], scalePoints: 5) == 1)
        #expect(try WithinGroupAgreement.averageDeviation([3, 3]) == 0)
        #expect(try WithinGroupAgreement.awg([3, 3, 3], lowest: 1, highest: 5) == 1)
    }

    /// Missing answers are removed item by item: each item's variance uses the members who answered it.
    @Test func perItemMissingRemoval() throws {
        let items: [[Double?]] = [[4, 2], [4, nil], [5, 3], [3, 3], [4, nil]]
        // Item 1: [4,4,5,3,4] s² = 0.5; item 2: [2,3,3] s² = 1/3; mean 5/12.
        let s = 5.0 / 12 / 2
        #expect(abs(try WithinGroupAgreement.rwgJ(items: items, scalePoints: 5) - 2 * (1 - s) / (2 * (1 - s) + s)) < 1e-12)
        #expect(abs(try WithinGroupAgreement.lindellRwgJ(items: items, scalePoints: 5) - (1 - s)) < 1e-12)
        // AD of item 2 around its mean 8/3: (2/3 + 1/3 + 1/3) / 3 = 4/9; item 1 0.4.
        #expect(abs(try WithinGroupAgreement.averageDeviation(items: items) - (0.4 + 4.0 / 9) / 2) < 1e-12)
    }

    /// aWG is 1 when every answer is at a scale end and "not available" within one answer of an end.
    @Test func awgEndRules() throws {
        #expect(try WithinGroupAgreement.awg([5, 5, 5], lowest: 1, highest: 5) == 1)
        #expect(try WithinGroupAgreement.awg([1, 1], lowest: 1, highest: 5) == 1)
        // M = 4.75 > (5·3 + 1)/4 = 4: not available.
        #expect(throws: StatisticError.self) { try WithinGroupAgreement.awg([5, 5, 5, 4], lowest: 1, highest: 5) }
        #expect(throws: StatisticError.self) { try WithinGroupAgreement.awg([0, 5], lowest: 1, highest: 5) }
        // Multi-item: the item that is not available is left out of the mean.
        let items: [[Double?]] = [[4, 5], [4, 5], [5, 5], [3, 4], [4, 5]]
        #expect(abs(try WithinGroupAgreement.awg(items: items, lowest: 1, highest: 5) - 0.733333) < 5e-7)
        #expect(throws: StatisticError.self) {
            try WithinGroupAgreement.awg(items: [[5], [5], [5], [4]], lowest: 1, highest: 5)
        }
    }

    /// One member, no members, non-finite values and an item answered once are "not available".
    @Test func notAvailable() {
        #expect(throws: StatisticError.noData) { try WithinGroupAgreement.rwg([], scalePoints: 5) }
        #expect(throws: StatisticError.tooFew(2)) { try WithinGroupAgreement.rwg([3], scalePoints: 5) }
        #expect(throws: StatisticError.tooFew(2)) { try WithinGroupAgreement.averageDeviation([3]) }
        #expect(throws: StatisticError.tooFew(2)) { try WithinGroupAgreement.awg([3], lowest: 1, highest: 5) }
        #expect(throws: StatisticError.nonFinite) { try WithinGroupAgreement.rwg([3, .nan], scalePoints: 5) }
        #expect(throws: StatisticError.noData) { try WithinGroupAgreement.rwgJ(items: [], scalePoints: 5) }
        #expect(throws: StatisticError.self) { try WithinGroupAgreement.rwgJ(items: [[3, 1]], scalePoints: 5) }
        #expect(throws: StatisticError.self) { try WithinGroupAgreement.rwgJ(items: [[3, 1], [2, nil]], scalePoints: 5) }
        #expect(throws: StatisticError.self) { try WithinGroupAgreement.rwgJ(items: [[nil, 1], [nil, 2]], scalePoints: 5) }
        #expect(throws: StatisticError.self) { try WithinGroupAgreement.rwgJ(items: [[3, 1], [2]], scalePoints: 5) }
        #expect(throws: StatisticError.self) { try WithinGroupAgreement.rwg([1, 2], nullVariance: 0) }
    }

    /// rwg and rwg(J) stay within 0...1 and Lindell's r*wg(J) never exceeds 1, for any group on a 5-point scale.
    @Test func boundsProperty() async {
        let groups = Gen.int(in: 1...5).array(of: 2...12)
        await propertyCheck(count: 300, input: groups, groups) { first, second in
            let rwg = try #require(try? WithinGroupAgreement.rwg(first.map(Double.init), scalePoints: 5))
            #expect(rwg >= 0 && rwg <= 1)
            let n = min(first.count, second.count)
            let items: [[Double?]] = (0..<n).map { [Double(first[$0]), Double(second[$0])] }
            let rwgJ = try #require(try? WithinGroupAgreement.rwgJ(items: items, scalePoints: 5))
            #expect(rwgJ >= 0 && rwgJ <= 1)
            let lindell = try #require(try? WithinGroupAgreement.lindellRwgJ(items: items, scalePoints: 5))
            #expect(lindell <= 1)
            let ad = try #require(try? WithinGroupAgreement.averageDeviation(first.map(Double.init)))
            #expect(ad >= 0 && ad <= 2)
        }
    }

    /// rwg and AD do not depend on the order of the group's members.
    @Test func orderInvariance() throws {
        var rng = RandomGenerator(seed: 7)
        for _ in 0..<100 {
            var values = (0..<(2 + rng.nextInt(below: 10))).map { _ in Double(1 + rng.nextInt(below: 7)) }
            let rwg = try WithinGroupAgreement.rwg(values, scalePoints: 7)
            let ad = try WithinGroupAgreement.averageDeviation(values, around: .median)
            rng.shuffle(&values)
            #expect(abs(try WithinGroupAgreement.rwg(values, scalePoints: 7) - rwg) < 1e-12)
            #expect(abs(try WithinGroupAgreement.averageDeviation(values, around: .median) - ad) < 1e-12)
        }
    }
}
