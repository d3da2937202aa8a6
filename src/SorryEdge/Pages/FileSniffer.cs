using System.Text;

namespace SorryEdge.Pages;

/// <summary>Checks that a file's bytes are what its extension claims: images by magic number, text as strict UTF-8.</summary>
internal static class FileSniffer
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Ico = [0x00, 0x00, 0x01, 0x00];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsValidUtf8Text(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        try
        {
            StrictUtf8.GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    public static bool Matches(string path, ReadOnlySpan<byte> bytes) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => bytes.StartsWith(Png),
        ".jpg" or ".jpeg" => bytes.StartsWith(Jpeg),
        ".gif" => bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8),
        ".webp" => bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8),
        ".ico" => bytes.StartsWith(Ico),
        ".woff" => bytes.StartsWith("wOFF"u8),
        ".woff2" => bytes.StartsWith("wOF2"u8),
        ".svg" => IsValidUtf8Text(bytes) && Encoding.UTF8.GetString(bytes).Contains("<svg", StringComparison.OrdinalIgnoreCase),
        ".html" or ".htm" or ".css" or ".js" or ".json" or ".txt" => IsValidUtf8Text(bytes),
        _ => false,
    };
}
