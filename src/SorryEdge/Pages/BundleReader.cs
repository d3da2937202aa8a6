using System.IO.Compression;
using SorryEdge.Operations;
using SorryEdge.Takeover;

namespace SorryEdge.Pages;

/// <summary>
/// Turns an upload (one HTML file or a zip) into a validated bundle, or refuses it with the
/// reason. Everything is checked before anything is written: paths, links, duplicates, types
/// by extension and by content, encodings, counts, sizes and compression ratios.
/// </summary>
internal static class BundleReader
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymlink = 0xA000;

    public static ValidatedBundle Read(byte[] upload, string contentType, UploadOptions limits, IReadOnlyList<string> siteHosts)
    {
        if (upload.Length == 0)
        {
            throw new BundleRejected("The upload is empty", "Send an HTML file or a zip with index.html.");
        }

        if (upload.LongLength > limits.MaxUploadBytes)
        {
            throw new BundleRejected("The upload is too large", $"At most {limits.MaxUploadBytes} bytes.", RefusalKind.TooLarge);
        }

        var files = contentType switch
        {
            "text/html" => new Dictionary<string, byte[]>(StringComparer.Ordinal) { ["index.html"] = upload },
            "application/zip" or "application/x-zip-compressed" => ReadZip(upload, limits),
            _ => throw new BundleRejected("Unsupported upload type", "Send Content-Type text/html (one page) or application/zip (index.html and assets).", RefusalKind.UnsupportedType),
        };

        if (!files.TryGetValue("index.html", out var index))
        {
            throw new BundleRejected("The upload has no index.html", "Put index.html at the top of the zip.");
        }

        if (!FileSniffer.IsValidUtf8Text(index))
        {
            throw new BundleRejected("index.html is not UTF-8", "Save the page as UTF-8 text.");
        }

        foreach (var (path, bytes) in files)
        {
            if (!FileSniffer.Matches(path, bytes))
            {
                throw new BundleRejected("A file is not what its name says", $"'{path}' does not contain {Path.GetExtension(path)} data (HTML, CSS and JS must be UTF-8 text).");
            }
        }

        return new ValidatedBundle(files, ReferenceScanner.Scan(files, siteHosts));
    }

    private static Dictionary<string, byte[]> ReadZip(byte[] upload, UploadOptions limits)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(upload, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new BundleRejected("The upload is not a valid zip", ex.Message);
        }

        using (archive)
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (name.EndsWith('/'))
                {
                    continue;
                }

                var path = CheckPath(name);
                if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymlink)
                {
                    throw new BundleRejected("The zip contains a link", $"'{name}' is a symbolic link; include the file itself.");
                }

                if (!seen.Add(path))
                {
                    throw new BundleRejected("The zip contains a name twice", $"'{name}' appears more than once (names are compared without case).");
                }

                if (files.Count >= limits.MaxFiles)
                {
                    throw new BundleRejected("The zip has too many files", $"At most {limits.MaxFiles}.");
                }

                if (ContentTypes.For(path) is null)
                {
                    throw new BundleRejected("A file type is not allowed", $"'{name}': only {string.Join(", ", ContentTypes.ByExtension.Keys)}.");
                }

                var bytes = ReadCapped(entry, limits.MaxUnpackedBytes - total, limits.MaxCompressionRatio);
                total += bytes.Length;
                files[path] = bytes;
            }

            if (total > 0 && total / Math.Max(1, upload.Length) > limits.MaxCompressionRatio)
            {
                throw new BundleRejected("The zip expands too much", $"It unpacks to more than {limits.MaxCompressionRatio}× its size.");
            }

            return StripSingleFolder(files);
        }
    }

    private static string CheckPath(string name)
    {
        if (name.StartsWith('/') || name.Contains(':') || name.Contains('\0'))
        {
            throw new BundleRejected("The zip contains an absolute path", $"'{name}' must be relative.");
        }

        var segments = name.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            throw new BundleRejected("The zip contains a path that leaves its folder", $"'{name}' has an empty, '.' or '..' part.");
        }

        return name;
    }

    private static byte[] ReadCapped(ZipArchiveEntry entry, long remaining, int maxRatio)
    {
        // Never trust the sizes in the header: read at most what the limits allow, plus one byte.
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long read = 0;
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            read += n;
            if (read > remaining)
            {
                throw new BundleRejected("The zip unpacks to more than the limit", "Its files add up to more than allowed unpacked.");
            }

            if (read > 1024 * 1024 && read / Math.Max(1, entry.CompressedLength) > maxRatio)
            {
                throw new BundleRejected("The zip expands too much", $"'{entry.FullName}' unpacks to more than {maxRatio}× its packed size.");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>A zip of a folder (<c>site/index.html</c>, <c>site/…</c>) is taken as if zipped from inside it.</summary>
    private static Dictionary<string, byte[]> StripSingleFolder(Dictionary<string, byte[]> files)
    {
        if (files.ContainsKey("index.html") || files.Count == 0)
        {
            return files;
        }

        var tops = files.Keys.Select(k => k.Split('/')[0]).Distinct().ToList();
        if (tops.Count != 1 || !files.Keys.All(k => k.Contains('/')) || !files.ContainsKey(tops[0] + "/index.html"))
        {
            return files;
        }

        return files.ToDictionary(f => f.Key[(tops[0].Length + 1)..], f => f.Value, StringComparer.Ordinal);
    }
}
