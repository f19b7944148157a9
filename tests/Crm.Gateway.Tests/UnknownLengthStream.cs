namespace Crm.Gateway.Tests;

/// <summary>A readable stream that does not tell its length, so HttpClient sends it with chunked encoding.</summary>
internal sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
{
    public override bool CanSeek => false;
}
