import Foundation
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

@Suite(.enabled(if: Chromium.path != nil, "Debian chromium not installed"))
struct BrowserTests {
    /// The sample page renders in headless Chromium at laptop and phone widths without console messages; screenshots are saved.
    @Test(arguments: [(1280, 9000), (390, 12000)])
    func rendersWithoutConsoleErrors(size: (Int, Int)) throws {
        let keep = ProcessInfo.processInfo.environment["ROLELAYER_SCREENSHOT_DIR"]
        let directory = URL(fileURLWithPath: keep ?? NSTemporaryDirectory()).appendingPathComponent(keep == nil ? "rolelayer-report-\(UUID().uuidString)" : "")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
        let page = directory.appendingPathComponent("sample-report.html")
        try ReportPage.render(SampleReport.model).write(to: page, atomically: true, encoding: .utf8)
        let png = directory.appendingPathComponent("sample-report-\(size.0).png")
        let (status, log) = try Chromium.screenshot(page: page, to: png, width: size.0, height: size.1)
        #expect(status == 0, "chromium exited \(status): \(log.suffix(2000))")
        let consoleLines = log.split(separator: "\n").filter { $0.contains("CONSOLE") }
        #expect(consoleLines.isEmpty, "console: \(consoleLines)")
        let data = try Data(contentsOf: png)
        let dimensions = try #require(Chromium.pngSize(data))
        #expect(dimensions.0 == size.0)
        #expect(data.count > 20_000, "a blank screenshot compresses to almost nothing")
    }
}
