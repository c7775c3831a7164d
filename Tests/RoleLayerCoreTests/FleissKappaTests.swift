import Testing
@testable import RoleLayerCore

/// Fleiss' kappa: oracle O6 and its edge cases.
struct FleissKappaTests {
    /// O6: the Fleiss 1971 table gives κ = 0.20993070442195522, P̄ = 0.378022, P̄_e = 0.212755.
    @Test func o6Fleiss1971() throws {
        let table = [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ]
        let result = try FleissKappa.estimate(table)
        #expect(abs(result.kappa - 0.20993070442195522) < 1e-12)
        #expect(abs(result.observedAgreement - 0.378022) < 5e-7)
        #expect(abs(result.chanceAgreement - 0.212755) < 5e-7)
        #expect(result.subjects == 10 && result.raters == 14)
    }

    /// Full agreement over two categories gives κ = 1; the order of subjects does not matter.
    @Test func fullAgreementAndOrder() throws {
        #expect(abs(try FleissKappa.kappa([[3, 0], [0, 3], [3, 0]]) - 1) < 1e-12)
        let a = try FleissKappa.kappa([[1, 2], [2, 1], [3, 0]])
        let b = try FleissKappa.kappa([[3, 0], [1, 2], [2, 1]])
        #expect(abs(a - b) < 1e-15)
    }

    /// Empty tables, one rater, unequal rater counts and a single used category are "not available".
    @Test func notAvailable() {
        #expect(throws: StatisticError.noData) { try FleissKappa.kappa([]) }
        #expect(throws: StatisticError.self) { try FleissKappa.kappa([[1, 0], [0, 1]]) }
        #expect(throws: StatisticError.self) { try FleissKappa.kappa([[2, 0], [1, 2]]) }
        #expect(throws: StatisticError.self) { try FleissKappa.kappa([[2, 0], [2]]) }
        #expect(throws: StatisticError.self) { try FleissKappa.kappa([[4, 0], [4, 0]]) }
    }
}
