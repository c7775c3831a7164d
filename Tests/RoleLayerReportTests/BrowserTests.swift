import Foundation
import RoleLayerCore
import Testing
@testable import RoleLayerReport

/// Headless Chromium (Debian's `chromium`), when installed.
enum Chromium {
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Opens `page` at `width` x `height` and saves a screenshot; returns Chromium's log lines.
    static func screenshot(page: URL, to png: URL, width: Int, height: Int) throws -> (status: Int32, log: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments = ["120", path!, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--enable-logging=stderr", "--v=0", "--window-size=\(width),\(height)",
                             "--screenshot=\(png.path)", page.absoluteString]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0] == 0x89, bytes[1] == 0x50, bytes[2] == 0x4E, bytes[3] == 0x47 else { return nil }
        func be(_ o: Int) -> Int { bytes[o..<o + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }
}

@Suite(.serialized, .enabled(if: Chromium.path != nil, "Debian chromium not installed"))
struct BrowserTests {
    /// The pages at laptop and phone width.
    static let cases: [(page: String, width: Int, height: Int)] = [
        ("sample", 1280, 9000), ("sample", 390, 12000), ("cohort", 1280, 20000), ("cohort", 390, 24000), ("diagnostic", 390, 8000),
    ]

    static func html(_ page: String) -> String {
        switch page {
        case "cohort": HTMLReportTests.html
        case "diagnostic": HTMLReport.render(diagnostic: SimulatedCohort.diagnostic, instrument: .default, settings: SimulatedCohort.settings, cohortName: "Simulated")
        default: ReportPage.render(SampleReport.model)
        }
    }

    /// The sample page and the simulated cohort and diagnostic pages render in headless Chromium at laptop and phone widths without console messages; screenshots are saved.
    @Test(arguments: cases.indices)
    func rendersWithoutConsoleErrors(index: Int) throws {
        let (name, width, height) = Self.cases[index]
        let keep = ProcessInfo.processInfo.environment["ROLELAYER_SCREENSHOT_DIR"]
        let directory = URL(fileURLWithPath: keep ?? NSTemporaryDirectory()).appendingPathComponent(keep == nil ? "rolelayer-report-\(UUID().uuidString)" : "")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
        let page = directory.appendingPathComponent("\(name)-\(width).html")
        try Self.html(name).write(to: page, atomically: true, encoding: .utf8)
        let png = directory.appendingPathComponent("\(name)-\(width).png")
        let (status, log) = try Chromium.screenshot(page: page, to: png, width: width, height: height)
        #expect(status == 0, "chromium exited \(status): \(log.suffix(2000))")
        let consoleLines = log.split(separator: "\n").filter { $0.contains("CONSOLE") }
        #expect(consoleLines.isEmpty, "console: \(consoleLines)")
        let data = try Data(contentsOf: png)
        let dimensions = try #require(Chromium.pngSize(data))
        #expect(dimensions.0 == width)
        #expect(data.count > 20_000, "a blank screenshot compresses to almost nothing")
    }
}
