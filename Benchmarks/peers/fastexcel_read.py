import sys, fastexcel
# Eager read of the first sheet into Arrow (calamine underneath): the fastest peer.
sheet = fastexcel.read_excel(sys.argv[1]).load_sheet(0, header_row=None)
print(sheet.height, sheet.width)
