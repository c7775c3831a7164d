import Testing
@testable import RoleLayerCore

/// Degree, closeness, betweenness and eigenvector centrality: oracles O17 and O18.
struct CentralityTests {
    /// The Krackhardt kite (O17), nodes 0...9 = Andre...Jane.
    static func kite() throws -> SimpleGraph {
        let adjacency: [[Int]] = [[1, 2, 3, 5], [0, 3, 4, 6], [0, 3, 5], [0, 1, 2, 4, 5, 6], [1, 3, 6],
                                  [0, 2, 3, 6, 7], [1, 3, 4, 5, 7], [5, 6, 8], [7, 9], [8]]
        var edges = [(Int, Int)]()
        for (a, ns) in adjacency.enumerated() { for b in ns where a < b { edges.append((a, b)) } }
        return try SimpleGraph(nodeCount: 10, edges: edges, directed: false)
    }

    /// O18's directed 8-node graph (nodes 1...8 as 0...7).
    static let o18Edges = [(1, 2), (1, 3), (2, 4), (3, 2), (3, 5), (4, 2), (4, 5), (4, 6), (5, 6), (5, 7),
                           (5, 8), (6, 8), (7, 1), (7, 5), (7, 8), (8, 6), (8, 7)].map { ($0.0 - 1, $0.1 - 1) }

    /// O17 [pub]: raw betweenness of the kite (pairs counted once), to the printed 3 decimals.
    @Test func kiteBetweennessRaw() throws {
        let b = Centrality.betweenness(try Self.kite(), normalized: false)
        expectClose(b, [0.833, 0.833, 0, 3.667, 0, 8.333, 8.333, 14.0, 8.0, 0], 0.0005)
    }

    /// O17 [calc]: normalised betweenness (÷ 36), closeness, degree and eigenvector of the kite, to 1e-6.
    @Test func kiteCentralities() throws {
        let g = try Self.kite()
        expectClose(Centrality.betweenness(g), [0.023148, 0.023148, 0, 0.101852, 0, 0.231481, 0.231481, 0.388889, 0.222222, 0], 1e-6)
        expectClose(Centrality.closeness(g), [0.529412, 0.529412, 0.5, 0.6, 0.5, 0.642857, 0.642857, 0.6, 0.428571, 0.310345], 1e-6)
        expectClose(Centrality.degree(g), [0.444444, 0.444444, 0.333333, 0.666667, 0.333333, 0.555556, 0.555556, 0.333333, 0.222222, 0.111111], 1e-6)
        let e = try Centrality.eigenvector(g)
        expectClose(e.scores, [0.352209, 0.352209, 0.285835, 0.481021, 0.285835, 0.397691, 0.397691, 0.195861, 0.048073, 0.011163], 1e-6)
        #expect(abs(e.eigenvalue - 4.306404) < 1e-6)
    }

    /// O18 [pub]: eigenvector centrality of K5 (1/√5 each) and of the path P3 ([0.5, 0.7071, 0.5]).
    @Test func eigenvectorK5AndPath() throws {
        var k5 = [(Int, Int)]()
        for a in 0..<5 { for b in (a + 1)..<5 { k5.append((a, b)) } }
        let e = try Centrality.eigenvector(try SimpleGraph(nodeCount: 5, edges: k5, directed: false))
        expectClose(e.scores, [Double](repeating: 0.4472136, count: 5), 1e-7)
        #expect(abs(e.eigenvalue - 4) < 1e-9)
        let p3 = try Centrality.eigenvector(try SimpleGraph(nodeCount: 3, edges: [(0, 1), (1, 2)], directed: false))
        expectClose(p3.scores, [0.5, 0.7071, 0.5], 1e-4)
    }

    /// O18 [pub]: the directed 8-node graph, run (as networkx's test does) on the reversed graph, to 1e-6.
    @Test func eigenvectorDirected() throws {
        let reversed = try SimpleGraph(nodeCount: 8, edges: Self.o18Edges.map { ($0.1, $0.0) }, directed: true)
        let e = try Centrality.eigenvector(reversed)
        expectClose(e.scores, [0.25368793, 0.19576478, 0.32817092, 0.40430835, 0.48199885, 0.15724483, 0.51346196, 0.32475403], 1e-6)
    }

    /// Directed degree, closeness (incoming distance) and betweenness agree with networkx 3.4.2 on O18's graph.
    @Test func directedAgreesWithNetworkx() throws {
        let g = try SimpleGraph(nodeCount: 8, edges: Self.o18Edges, directed: true)
        expectClose(Centrality.degree(g), [3, 4, 3, 4, 6, 4, 5, 5].map { Double($0) / 7 }, 1e-12)
        expectClose(Centrality.closeness(g), [0.3888888888888889, 0.4666666666666667, 0.3181818181818182, 0.3333333333333333,
                                              0.5833333333333334, 0.5833333333333334, 0.5, 0.5384615384615384], 1e-12)
        expectClose(Centrality.betweenness(g), [0.3333333333333333, 0.15476190476190477, 0.08333333333333333, 0.15476190476190477,
                                                0.3333333333333333, 0.023809523809523808, 0.45238095238095233, 0.15476190476190477], 1e-12)
    }

    /// A disconnected directed graph: Wasserman-Faust closeness, betweenness, and eigenvector refuses.
    @Test func disconnectedGraph() throws {
        let g = try SimpleGraph(nodeCount: 5, edges: [(0, 1), (1, 2), (3, 2)], directed: true)
        expectClose(Centrality.closeness(g), [0, 0.25, 0.5625, 0, 0], 1e-12)
        expectClose(Centrality.betweenness(g), [0, 1.0 / 12, 0, 0, 0], 1e-12)
        expectClose(Centrality.betweenness(g, normalized: false), [0, 1, 0, 0, 0], 1e-12)
        #expect(throws: StatisticError.self) { try Centrality.eigenvector(g) }
    }

    /// Edge cases: no nodes, one node, and invalid edges (self-loop, duplicate, out of range).
    @Test func edgeCasesAndInvalidInput() throws {
        let empty = try SimpleGraph(nodeCount: 0, edges: [], directed: true)
        #expect(Centrality.degree(empty) == [] && Centrality.betweenness(empty) == [] && Centrality.closeness(empty) == [])
        let one = try SimpleGraph(nodeCount: 1, edges: [], directed: false)
        #expect(Centrality.degree(one) == [1] && Centrality.betweenness(one) == [0] && Centrality.closeness(one) == [0])
        #expect(try Centrality.eigenvector(one).scores == [1])
        #expect(throws: StatisticError.self) { try SimpleGraph(nodeCount: 3, edges: [(1, 1)], directed: true) }
        #expect(throws: StatisticError.self) { try SimpleGraph(nodeCount: 3, edges: [(0, 1), (1, 0)], directed: false) }
        #expect(throws: StatisticError.self) { try SimpleGraph(nodeCount: 3, edges: [(0, 3)], directed: true) }
        #expect(throws: StatisticError.self) { try SimpleGraph(weights: [[1, 0], [0, 0]], directed: true) }
        #expect(throws: StatisticError.self) { try SimpleGraph(weights: [[0, 1], [0, 0]], directed: false) }
        let fromWeights = try SimpleGraph(weights: [[0, 0.5, 0], [0, 0, 2], [0, 0, 0]], directed: true)
        #expect(fromWeights.successors == [[1], [2], []] && fromWeights.predecessors == [[], [0], [1]])
    }
}
