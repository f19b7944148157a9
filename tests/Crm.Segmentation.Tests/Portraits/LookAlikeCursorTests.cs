using Crm.Segmentation.Model.Portraits;

namespace Crm.Segmentation.Tests.Portraits;

/// <summary>The look-alike page cursor carries the last distance exactly, so the next page starts right after it.</summary>
public sealed class LookAlikeCursorTests
{
    [Fact]
    public void A_cursor_reads_back_exactly_what_was_written()
    {
        var cursor = new LookAlikeCursor(0.1 + 0.2, Guid.NewGuid());

        Assert.True(LookAlikeCursor.TryParse(cursor.ToString(), out var read));

        Assert.Equal(cursor, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0.5")]
    [InlineData("abc_00000000-0000-0000-0000-000000000001")]
    [InlineData("-1_00000000-0000-0000-0000-000000000001")]
    [InlineData("0.5_not-a-guid")]
    [InlineData("NaN_00000000-0000-0000-0000-000000000001")]
    public void Anything_else_is_not_a_cursor(string text) => Assert.False(LookAlikeCursor.TryParse(text, out _));
}
