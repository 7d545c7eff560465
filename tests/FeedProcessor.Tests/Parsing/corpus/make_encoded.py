#!/usr/bin/env python3
"""Writes the corpus files whose point is their byte encoding (testdata/enc_*.xml) from text templates.

Run from this folder: python3 make_encoded.py
"""
import codecs

RSS = '''<?xml version="1.0" encoding="{declared}"?>
<rss version="2.0"><channel><title>{feed}</title><link>https://enc.example.org/</link><description>{feed}</description>
<item><title>{t1}</title><link>https://enc.example.org/{name}/1</link><description>{d1}</description><pubDate>Sun, 04 Feb 2024 14:30:00 +0600</pubDate></item>
<item><title>{t2}</title><link>https://enc.example.org/{name}/2</link><description>{d2}</description><pubDate>Mon, 05 Feb 2024 09:00:00 GMT</pubDate></item>
</channel></rss>
'''

RU = dict(feed='Новости правительства', t1='Премьер-министр провёл заседание', d1='Обсуждены вопросы экономики и энергетики.',
          t2='Утверждён бюджет на 2024 год', d2='Расходы на образование выросли.')
KK = dict(feed='Үкімет жаңалықтары', t1='Премьер-Министр кеңес өткізді', d1='Экономика және энергетика мәселелері қаралды.',
          t2='Бюджет бекітілді', d2='Білім беруге шығыстар өсті.')
WEST = dict(feed='Café “Ministère” news', t1='Le ministre a présenté le “plan” — déjà adopté', d1='Détails: l’économie, l’énergie…',
            t2='Über die Straße', d2='Größere Änderungen')
ZH = dict(feed='政府新闻', t1='总理会见代表团', d1='双方讨论了经济合作。', t2='预算获得批准', d2='教育支出增加。')
ZH_TW = dict(feed='政府新聞', t1='總理會見代表團', d1='雙方討論了經濟合作。', t2='預算獲得批准', d2='教育支出增加。')
JA = dict(feed='政府のニュース', t1='首相が代表団と会談', d1='経済協力について話し合った。', t2='予算が承認された', d2='教育費が増加した。')
KO = dict(feed='정부 뉴스', t1='총리가 대표단을 만났다', d1='경제 협력을 논의했다.', t2='예산이 승인되었다', d2='교육 지출이 증가했다.')

# name, text, codec for the bytes, label written in the XML declaration, BOM
FILES = [
    ('windows1251', RU, 'cp1251', 'windows-1251', b''),
    ('koi8r', RU, 'koi8_r', 'KOI8-R', b''),
    ('iso88595', RU, 'iso8859_5', 'ISO-8859-5', b''),
    ('latin1_label_smartquotes', WEST, 'cp1252', 'ISO-8859-1', b''),
    ('gb2312', ZH, 'gbk', 'GB2312', b''),
    ('big5', ZH_TW, 'big5', 'Big5', b''),
    ('shiftjis', JA, 'shift_jis', 'Shift_JIS', b''),
    ('euckr', KO, 'euc_kr', 'EUC-KR', b''),
    ('utf16le', RU, 'utf_16_le', 'UTF-16', codecs.BOM_UTF16_LE),
    ('utf16be', RU, 'utf_16_be', 'UTF-16', codecs.BOM_UTF16_BE),
    ('utf8_bom', KK, 'utf_8', 'utf-8', codecs.BOM_UTF8),
    # The classic government breakage: windows-1251 bytes under a UTF-8 declaration.
    ('windows1251_declared_utf8', RU, 'cp1251', 'utf-8', b''),
]

for name, text, codec, declared, bom in FILES:
    xml = RSS.format(declared=declared, name=name, **text)
    with open('testdata/enc_%s.xml' % name, 'wb') as out:
        out.write(bom + xml.encode(codec))
