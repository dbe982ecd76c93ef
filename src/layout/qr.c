/*
 * qr.c - QR codes as vector rectangles.
 *
 * Takes a payload; makes its module matrix with libqrencode (level M: 15%
 * recovery survives print and a phone camera) and draws each horizontal run
 * of dark modules as one rectangle, which keeps the content stream small and
 * the edges crisp at any zoom.  Leaves to flow.c the size every code of the
 * footer shares and the quiet zone around the symbol (4 modules, ISO/IEC
 * 18004 §6.3.8), which it keeps white by placing the codes apart.
 */
#include <qrencode.h>

#include "layout.h"

int nq_qr_modules(const char *payload)
{
	QRcode *qr = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
	if (!qr)
		return 0;
	int n = qr->width;
	QRcode_free(qr);
	return n;
}

bool nq_qr_draw(nq_arena *a, nq_page *pg, const char *payload, double x, double y, double side)
{
	QRcode *qr = QRcode_encodeString8bit(payload, 0, QR_ECLEVEL_M);
	if (!qr)
		return false;
	int n = qr->width;
	double m = side / n;
	for (int r = 0; r < n; r++) {
		for (int c = 0; c < n;) {
			if (!(qr->data[r * n + c] & 1)) {
				c++;
				continue;
			}
			int c0 = c;
			while (c < n && (qr->data[r * n + c] & 1))
				c++;
			nq_item *it = NQ_PUSH(a, pg->items, pg->n, pg->cap);
			it->kind = NQ_ITEM_RECT;
			it->x = x + c0 * m;
			it->y = y + side - (r + 1) * m;
			it->w = (c - c0) * m;
			it->h = m;
		}
	}
	QRcode_free(qr);
	return true;
}
