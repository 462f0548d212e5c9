using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace MonevDashboard.Infrastructure;

/// <summary>A picture to place on a sheet: its PNG or JPEG bytes, the cell (1-based) its top-left corner sits in, an offset and a size in pixels.</summary>
public sealed record SheetPicture(string Name, byte[] Image, bool IsPng, int Column, int Row, int OffsetX, int OffsetY, int Width, int Height);

/// <summary>
/// Adds pictures to a saved workbook with the Open XML SDK. ClosedXML 0.95's <c>AddPicture</c> measures every image
/// with System.Drawing, which needs libgdiplus and throws on Linux (like <c>AdjustToContents</c>, STACK-NOTES); here
/// the caller gives the size, so nothing is measured. Each picture is a one-cell anchor: it moves with its cell and
/// keeps its size.
/// </summary>
public static class WorkbookPictures
{
    private const long EmuPerPixel = 9525;

    // Elements a worksheet's <drawing> must come before (ECMA-376 CT_Worksheet order).
    private static readonly string[] s_afterDrawing =
        ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

    public static void Add(Stream workbook, string sheetName, IReadOnlyList<SheetPicture> pictures)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(pictures);
        if (pictures.Count == 0)
        {
            return;
        }
        workbook.Position = 0;
        using (var document = SpreadsheetDocument.Open(workbook, isEditable: true))
        {
            var workbookPart = document.WorkbookPart!;
            var sheet = workbookPart.Workbook.Descendants<Sheet>().First(s => s.Name?.Value == sheetName);
            var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!);
            var drawings = worksheetPart.DrawingsPart ?? worksheetPart.AddNewPart<DrawingsPart>();
            drawings.WorksheetDrawing ??= new Xdr.WorksheetDrawing();
            var worksheet = worksheetPart.Worksheet;
            if (!worksheet.Elements<Drawing>().Any())
            {
                var drawing = new Drawing { Id = worksheetPart.GetIdOfPart(drawings) };
                var before = worksheet.Elements().FirstOrDefault(e => s_afterDrawing.Contains(e.LocalName));
                if (before is null)
                {
                    worksheet.Append(drawing);
                }
                else
                {
                    worksheet.InsertBefore(drawing, before);
                }
            }
            var id = (uint)drawings.WorksheetDrawing.ChildElements.Count + 1;
            foreach (var picture in pictures)
            {
                var image = drawings.AddImagePart(picture.IsPng ? ImagePartType.Png : ImagePartType.Jpeg);
                using (var bytes = new MemoryStream(picture.Image, writable: false))
                {
                    image.FeedData(bytes);
                }
                var (cx, cy) = (picture.Width * EmuPerPixel, picture.Height * EmuPerPixel);
                drawings.WorksheetDrawing.Append(new Xdr.OneCellAnchor(
                    new Xdr.FromMarker(
                        new Xdr.ColumnId((picture.Column - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new Xdr.ColumnOffset((picture.OffsetX * EmuPerPixel).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new Xdr.RowId((picture.Row - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new Xdr.RowOffset((picture.OffsetY * EmuPerPixel).ToString(System.Globalization.CultureInfo.InvariantCulture))),
                    new Xdr.Extent { Cx = cx, Cy = cy },
                    new Xdr.Picture(
                        new Xdr.NonVisualPictureProperties(
                            new Xdr.NonVisualDrawingProperties { Id = id++, Name = picture.Name },
                            new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                        new Xdr.BlipFill(new A.Blip { Embed = drawings.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
                        new Xdr.ShapeProperties(
                            new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                            new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
                    new Xdr.ClientData()));
            }
            drawings.WorksheetDrawing.Save();
            worksheet.Save();
        }
        workbook.Position = 0;
    }
}
