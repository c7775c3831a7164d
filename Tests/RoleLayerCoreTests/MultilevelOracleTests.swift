import Foundation
import Testing
@testable import RoleLayerCore

/// The directory of the exported `multilevel` CSV files, or nil when the O15 tests are skipped.
private let multilevelDataDirectory = ProcessInfo.processInfo.environment["ROLELAYER_MULTILEVEL_DATA"]

/// Oracle O15: the `multilevel` package's datasets bh1996, lq2002 and bhr2000 (GPL, never in this
/// repository). Runs only when ROLELAYER_MULTILEVEL_DATA names a directory holding the CSV files
/// written by tools/oracles/export-multilevel.R; skipped otherwise.
@Suite(.enabled(
    if: multilevelDataDirectory != nil,
    "O15 skipped: set ROLELAYER_MULTILEVEL_DATA to a directory with bh1996.csv, lq2002.csv and bhr2000.csv (export them with tools/oracles/export-multilevel.R; needs Debian r-cran-multilevel)"))
struct MultilevelOracleTests {
    /// bh1996: ICC(1), ICC(2), η², MSB and MSW of WBEING by GRP, and ICC(1)/ICC(2) of HRS, LEAD and COHES, at [calc] precision.
    @Test func bh1996IntraclassCorrelations() throws {
        let data = try Table(named: "bh1996")
        let groups = try data.integerColumn("GRP")
        let expected: [(String, Double, Double)] = [
            ("WBEING", 0.0433690501, 0.7717128755), ("HRS", 0.1331066791, 0.9196731954),
            ("LEAD", 0.1270275500, 0.9156129693), ("COHES", 0.0442652976, 0.7754596778),
        ]
        for (name, icc1, icc2) in expected {
            let anova = try AnalysisOfVariance.oneWay(values: try data.completeColumn(name), groups: groups)
            #expect(anova.observationCount == 7382 && anova.groupCount == 99)
            #expect(abs(try IntraclassCorrelation.icc1(anova) - icc1) < 5e-11, "\(name)")
            #expect(abs(try IntraclassCorrelation.icc2(anova) - icc2) < 5e-11, "\(name)")
        }
        let wellBeing = try AnalysisOfVariance.oneWay(values: try data.completeColumn("WBEING"), groups: groups)
        #expect(abs(wellBeing.etaSquared - 0.05566236) < 5e-9)
        #expect(abs(wellBeing.msBetween - 3.459004) < 5e-7)
        #expect(abs(wellBeing.msWithin - 0.789646) < 5e-7)
        // [pub] anchor and the n₀ group-size rule.
        #expect(abs(try IntraclassCorrelation.icc1(wellBeing) - 0.04336905) < 5e-9)
        #expect(abs(try IntraclassCorrelation.icc1(wellBeing, groupSize: .searle) - 0.04350981) < 5e-9)
    }

    /// lq2002: rwg(LEAD), rwg(J), Lindell r*wg(J) and aWG of LEAD01–LEAD11 and of LEAD05 by COMPID, first groups and summaries.
    @Test func lq2002Agreement() throws {
        let data = try Table(named: "lq2002")
        let groups = try data.integerColumn("COMPID")
        let lead = try data.completeColumn("LEAD")
        let itemNames = (1...11).map { String(format: "LEAD%02d", $0) }
        let items = try itemNames.map { try data.column($0) }
        let byGroup = Dictionary(grouping: groups.indices, by: { groups[$0] })
        let ids = byGroup.keys.sorted()
        #expect(ids.count == 49 && groups.count == 2042)

        var rwg: [Int: Double] = [:], rwgJ: [Int: Double] = [:], lindell: [Int: Double] = [:]
        var awg: [Int: Double] = [:], awg05: [Int: Double] = [:]
        for id in ids {
            let rows = byGroup[id]!
            let matrix = rows.map { r in items.map { $0[r] } }
            rwg[id] = try WithinGroupAgreement.rwg(rows.map { lead[$0] }, nullVariance: 2)
            rwgJ[id] = try WithinGroupAgreement.rwgJ(items: matrix, nullVariance: 2)
            lindell[id] = try WithinGroupAgreement.lindellRwgJ(items: matrix, nullVariance: 2)
            awg[id] = try? WithinGroupAgreement.awg(items: matrix, lowest: 1, highest: 5)
            awg05[id] = try? WithinGroupAgreement.awg(rows.compactMap { items[4][$0] }, lowest: 1, highest: 5)
        }
        let firstRwg: [(Int, Double, Int)] = [
            (2, 0.6214592, 24), (3, 0.7457437, 37), (4, 0.7132816, 45), (5, 0.7317424, 58), (6, 0.683446, 12),
            (7, 0.7571035, 15), (9, 0.7426891, 13), (10, 0.6033363, 29), (13, 0.7196284, 99), (14, 0.657438, 10),
        ]
        for (id, value, size) in firstRwg {
            #expect(abs(rwg[id]! - value) < 5e-7, "rwg group \(id)")
            #expect(byGroup[id]!.count == size)
        }
        expectSummary(Array(rwg.values), min: 0.497617, q1: 0.647273, median: 0.710386, mean: 0.703233, q3: 0.759532, max: 0.841685)

        let firstRwgJ: [(Int, Double)] = [
            (2, 0.8075273), (3, 0.8959383), (4, 0.860012), (5, 0.8635585), (6, 0.8876629),
            (7, 0.9330486), (9, 0.8908708), (10, 0.8494977), (13, 0.882588), (14, 0.8260377),
        ]
        for (id, value) in firstRwgJ { #expect(abs(rwgJ[id]! - value) < 5e-7, "rwg.j group \(id)") }
        expectSummary(Array(rwgJ.values), min: 0.774900, q1: 0.834365, median: 0.870108, mean: 0.867785, q3: 0.900412, max: 0.942307)

        for (id, value) in [(2, 0.2761034), (3, 0.4390527), (4, 0.3583563)] {
            #expect(abs(lindell[id]! - value) < 5e-7, "lindell group \(id)")
        }
        expectSummary(Array(lindell.values), min: 0.238357, median: 0.378485, mean: 0.392621, max: 0.597557)

        for (id, value) in [(2, 0.2925751), (3, 0.4233103), (4, 0.324448), (5, 0.3536363), (6, 0.4398228)] {
            #expect(abs(awg[id]! - value) < 5e-7, "awg group \(id)")
        }
        expectSummary(Array(awg.values), median: 0.376168, mean: 0.383733)

        for (id, value) in [(2, 0.5111111), (3, 0.326049), (4, 0.325)] {
            #expect(abs(awg05[id]! - value) < 5e-7, "awg LEAD05 group \(id)")
        }
        expectSummary(Array(awg05.values), mean: 0.450885)
    }

    /// bhr2000: the multi-item AD around the mean and the median, and the single-item AD of HRS, by GRP.
    @Test func bhr2000AverageDeviation() throws {
        let data = try Table(named: "bhr2000")
        let groups = try data.integerColumn("GRP")
        let names = ["AF06", "AF07", "AP12", "AP17", "AP33", "AP34", "AS14", "AS15", "AS16", "AS17", "AS28"]
        let items = try names.map { try data.column($0) }
        let hours = try data.column("HRS")
        let byGroup = Dictionary(grouping: groups.indices, by: { groups[$0] })
        var adMean: [Int: Double] = [:], adMedian: [Int: Double] = [:], adHours: [Int: Double] = [:]
        for (id, rows) in byGroup {
            let matrix = rows.map { r in items.map { $0[r] } }
            adMean[id] = try? WithinGroupAgreement.averageDeviation(items: matrix, around: .mean)
            adMedian[id] = try? WithinGroupAgreement.averageDeviation(items: matrix, around: .median)
            adHours[id] = try? WithinGroupAgreement.averageDeviation(rows.compactMap { hours[$0] }, around: .mean)
        }
        #expect(byGroup.count == 99 && groups.count == 5400)
        for (id, value, size) in [(1, 0.8481366, 59), (2, 0.8261279, 45), (3, 0.8809829, 83), (4, 0.8227542, 26), (5, 0.8341355, 82)] {
            #expect(abs(adMean[id]! - value) < 5e-7, "ad.m group \(id)")
            #expect(byGroup[id]!.count == size)
        }
        expectSummary(Array(adMean.values), min: 0.638201, median: 0.873959, mean: 0.869072, max: 1.017301)
        expectSummary(Array(adMedian.values), mean: 0.829788)
        expectSummary(Array(adHours.values), mean: 1.249275)
    }
}

// MARK: - Helpers

/// A numeric CSV written by R's write.csv (header row, empty cell = NA).
private struct Table {
    var header: [String]
    var rows: [[Double?]]

    init(named name: String) throws {
        let directory = try #require(multilevelDataDirectory)
        let path = URL(fileURLWithPath: directory).appendingPathComponent("\(name).csv").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        rows = lines.map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) }
        }
    }

    func column(_ name: String) throws -> [Double?] {
        let j = try #require(header.firstIndex(of: name), "no column \(name)")
        return rows.map { $0[j] }
    }

    func completeColumn(_ name: String) throws -> [Double] {
        try column(name).map { try #require($0, "missing value in \(name)") }
    }

    func integerColumn(_ name: String) throws -> [Int] {
        try completeColumn(name).map { Int($0) }
    }
}

/// Checks R `summary()` statistics (quartiles of type 7) of the defined values, to 6 decimals.
private func expectSummary(
    _ values: [Double], min: Double? = nil, q1: Double? = nil, median: Double? = nil, mean: Double? = nil,
    q3: Double? = nil, max: Double? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    let sorted = values.sorted()
    func quantile(_ p: Double) -> Double { Quantile.type7(sorted: sorted, p) }
    let actual = [sorted.first!, quantile(0.25), quantile(0.5), sorted.reduce(0, +) / Double(sorted.count), quantile(0.75), sorted.last!]
    for (label, (expected, value)) in zip(["min", "Q1", "median", "mean", "Q3", "max"], zip([min, q1, median, mean, q3, max], actual)) {
        if let expected {
            #expect(abs(value - expected) < 5e-7, "\(label): \(value) vs \(expected)", sourceLocation: sourceLocation)
        }
    }
}
