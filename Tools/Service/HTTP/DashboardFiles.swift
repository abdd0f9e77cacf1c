import Hummingbird

/// The dashboard page's three files, embedded in the binary (Tools/Service/Dashboard). They hold
/// no data, so they are served without a token; the page asks for the token itself.
enum DashboardFiles {
    /// One embedded file and the type it is served as.
    struct File: Sendable {
        let bytes: [UInt8]
        let contentType: String
    }

    /// The file served at `path`, nil when the path is not one of the dashboard's.
    static func file(at path: String) -> File? {
        switch path {
        case "/", "/index.html": File(bytes: PackageResources.index_html, contentType: "text/html; charset=utf-8")
        case "/dashboard.js": File(bytes: PackageResources.dashboard_js, contentType: "text/javascript; charset=utf-8")
        case "/dashboard.css": File(bytes: PackageResources.dashboard_css, contentType: "text/css; charset=utf-8")
        default: nil
        }
    }

    /// The paths the router answers with a dashboard file.
    static let paths = ["/", "/index.html", "/dashboard.js", "/dashboard.css"]

    /// The answer for `path`: the file with a policy that allows only the page's own origin.
    static func response(for path: String) -> Response {
        guard let file = file(at: path) else { return JSONResponse.error(.notFound, "no such file") }
        var response = JSONResponse.body(.ok, file.bytes, contentType: file.contentType)
        response.headers[.contentSecurityPolicy] = "default-src 'self'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.cacheControl] = "no-cache"
        return response
    }
}
