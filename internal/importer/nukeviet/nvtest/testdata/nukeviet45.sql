-- The tables of a NukeViet 4.5 site that `cong import nukeviet` reads, as
-- NukeViet 4.5 itself creates them, for the tests' MariaDB databases.
--
-- Copied from the public nukeviet/nukeviet repository, commit
-- a774ee5a5feaadb7bc0bdafb3f2cfa6cc3b17e9d (NukeViet 4.5, "@version 4.x",
-- copyright 2009-2021):
--   modules/news/action_mysql.php     every CREATE TABLE of the news module
--   modules/comment/action_mysql.php  the comment table
-- and the language's module list from includes/action_mysql.php of NukeViet
-- 4.5 (the same file as carried in vjintageboy/TTS-Vinades at commit
-- 12bd9e57aea41876133ad5011dc627d6c6cb73cd).
--
-- The PHP builds each name as $db_config['prefix'] . '_' . $lang . '_' .
-- $module_data; here they are written for prefix nv4, language vi and the
-- module data "news", and nvtest rewrites "nv4_vi_" for other prefixes and
-- languages. Only the PHP string concatenation was removed; the columns, keys
-- and engines are NukeViet's. Statements end with ";" on a line of its own.
-- The per-category copies of the rows table (nv4_vi_news_<catid>) are made by
-- admin/cat.php with CREATE TABLE ... LIKE, as nvtest does.

CREATE TABLE nv4_vi_news_cat (
      catid smallint(5) unsigned NOT NULL AUTO_INCREMENT,
      parentid smallint(5) unsigned NOT NULL DEFAULT '0',
      title varchar(250) NOT NULL,
      titlesite varchar(250) DEFAULT '',
      alias varchar(250) NOT NULL DEFAULT '',
      description text,
      descriptionhtml text,
      image varchar(255) DEFAULT '',
      viewdescription tinyint(2) NOT NULL DEFAULT '0',
      weight smallint(5) unsigned NOT NULL DEFAULT '0',
      sort smallint(5) NOT NULL DEFAULT '0',
      lev smallint(5) NOT NULL DEFAULT '0',
      viewcat varchar(50) NOT NULL DEFAULT 'viewcat_page_new',
      numsubcat smallint(5) NOT NULL DEFAULT '0',
      subcatid varchar(255) DEFAULT '',
      numlinks tinyint(2) unsigned NOT NULL DEFAULT '3',
      newday tinyint(2) unsigned NOT NULL DEFAULT '2',
      featured int(11) NOT NULL DEFAULT '0',
      ad_block_cat varchar(255) NOT NULL DEFAULT '',
      keywords text,
      admins text,
      add_time int(11) unsigned NOT NULL DEFAULT '0',
      edit_time int(11) unsigned NOT NULL DEFAULT '0',
      groups_view varchar(255) DEFAULT '',
      status smallint(4) NOT NULL DEFAULT '1',
      PRIMARY KEY (catid),
      UNIQUE KEY alias (alias),
      KEY parentid (parentid),
      KEY status (status)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_sources (
     sourceid mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
     title varchar(250) NOT NULL DEFAULT '',
     link varchar(255) DEFAULT '',
     logo varchar(255) DEFAULT '',
     weight mediumint(8) unsigned NOT NULL DEFAULT '0',
     add_time int(11) unsigned NOT NULL,
     edit_time int(11) unsigned NOT NULL,
     PRIMARY KEY (sourceid),
     UNIQUE KEY title (title)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_topics (
     topicid smallint(5) unsigned NOT NULL AUTO_INCREMENT,
     title varchar(250) NOT NULL DEFAULT '',
     alias varchar(250) NOT NULL DEFAULT '',
     image varchar(255) DEFAULT '',
     description varchar(255) DEFAULT '',
     weight smallint(5) NOT NULL DEFAULT '0',
     keywords text,
     add_time int(11) NOT NULL DEFAULT '0',
     edit_time int(11) NOT NULL DEFAULT '0',
     PRIMARY KEY (topicid),
     UNIQUE KEY title (title),
     UNIQUE KEY alias (alias)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_block_cat (
     bid smallint(5) unsigned NOT NULL AUTO_INCREMENT,
     adddefault tinyint(4) NOT NULL DEFAULT '0',
     numbers smallint(5) NOT NULL DEFAULT '10',
     title varchar(250) NOT NULL DEFAULT '',
     alias varchar(250) NOT NULL DEFAULT '',
     image varchar(255) DEFAULT '',
     description varchar(255) DEFAULT '',
     weight smallint(5) NOT NULL DEFAULT '0',
     keywords text,
     add_time int(11) NOT NULL DEFAULT '0',
     edit_time int(11) NOT NULL DEFAULT '0',
     PRIMARY KEY (bid),
     UNIQUE KEY title (title),
     UNIQUE KEY alias (alias)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_block (
     bid smallint(5) unsigned NOT NULL,
     id int(11) unsigned NOT NULL,
     weight int(11) unsigned NOT NULL,
     UNIQUE KEY bid (bid,id)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_rows (
     id int(11) unsigned NOT NULL auto_increment,
     catid smallint(5) unsigned NOT NULL default '0',
     listcatid varchar(255) NOT NULL default '',
     topicid smallint(5) unsigned NOT NULL default '0',
     admin_id mediumint(8) unsigned NOT NULL default '0',
     author varchar(250) default '',
     sourceid mediumint(8) NOT NULL default '0',
     addtime int(11) unsigned NOT NULL default '0',
     edittime int(11) unsigned NOT NULL default '0',
     status tinyint(4) NOT NULL default '1',
     weight int(11) unsigned NOT NULL default '0',
     publtime int(11) unsigned NOT NULL default '0',
     exptime int(11) unsigned NOT NULL default '0',
     archive tinyint(1) unsigned NOT NULL default '0',
     title varchar(250) NOT NULL default '',
     alias varchar(250) NOT NULL default '',
     hometext text NOT NULL,
     homeimgfile varchar(255) default '',
     homeimgalt varchar(255) default '',
     homeimgthumb tinyint(4) NOT NULL default '0',
     inhome tinyint(1) unsigned NOT NULL default '0',
     allowed_comm varchar(255) default '',
     allowed_rating tinyint(1) unsigned NOT NULL default '0',
     external_link tinyint(1) unsigned NOT NULL default '0',
     hitstotal mediumint(8) unsigned NOT NULL default '0',
     hitscm mediumint(8) unsigned NOT NULL default '0',
     total_rating int(11) NOT NULL default '0',
     click_rating int(11) NOT NULL default '0',
     instant_active tinyint(1) NOT NULL default '0',
     instant_template varchar(100) NOT NULL default '',
     instant_creatauto tinyint(1) NOT NULL default '0',
     PRIMARY KEY (id),
     KEY catid (catid),
     KEY topicid (topicid),
     KEY admin_id (admin_id),
     KEY author (author),
     KEY title (title),
     KEY addtime (addtime),
     KEY edittime (edittime),
     KEY publtime (publtime),
     KEY exptime (exptime),
     KEY status (status),
     KEY instant_active (instant_active),
     KEY instant_creatauto (instant_creatauto)
    ) ENGINE=MyISAM
;

CREATE TABLE IF NOT EXISTS nv4_vi_news_detail (
     id int(11) unsigned NOT NULL,
     titlesite varchar(255) NOT NULL DEFAULT '',
     description text NOT NULL,
     bodyhtml longtext NOT NULL,
     keywords varchar(255) default '',
     sourcetext varchar(255) default '',
     files TEXT NULL,
     imgposition tinyint(1) NOT NULL default '1',
     layout_func varchar(100) DEFAULT '',
     copyright tinyint(1) NOT NULL default '0',
     allowed_send tinyint(1) NOT NULL default '0',
     allowed_print tinyint(1) NOT NULL default '0',
     allowed_save tinyint(1) NOT NULL default '0',
     PRIMARY KEY (id)
    ) ENGINE=MyISAM
;

CREATE TABLE IF NOT EXISTS nv4_vi_news_logs (
     id mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
     sid mediumint(8) NOT NULL DEFAULT '0',
     userid mediumint(8) unsigned NOT NULL DEFAULT '0',
     status tinyint(4) NOT NULL DEFAULT '0',
     note varchar(255) NOT NULL,
     set_time int(11) unsigned NOT NULL DEFAULT '0',
     PRIMARY KEY (id),
     KEY sid (sid),
     KEY userid (userid)
) ENGINE=MyISAM
;

CREATE TABLE IF NOT EXISTS nv4_vi_news_config_post (
     group_id smallint(5) NOT NULL,
     addcontent tinyint(4) NOT NULL,
     postcontent tinyint(4) NOT NULL,
     editcontent tinyint(4) NOT NULL,
     delcontent tinyint(4) NOT NULL,
     PRIMARY KEY (group_id)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_admins (
     userid mediumint(8) unsigned NOT NULL default '0',
     catid smallint(5) NOT NULL default '0',
     admin tinyint(4) NOT NULL default '0',
     add_content tinyint(4) NOT NULL default '0',
     pub_content tinyint(4) NOT NULL default '0',
     edit_content tinyint(4) NOT NULL default '0',
     del_content tinyint(4) NOT NULL default '0',
     app_content tinyint(4) NOT NULL default '0',
     UNIQUE KEY userid (userid,catid)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_tags (
     tid mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
     numnews mediumint(8) NOT NULL DEFAULT '0',
     title varchar(250) NOT NULL DEFAULT '',
     alias varchar(250) NOT NULL DEFAULT '',
     image varchar(255) DEFAULT '',
     description text,
     keywords varchar(255) DEFAULT '',
     PRIMARY KEY (tid),
     UNIQUE KEY alias (alias)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_tags_id (
     id int(11) NOT NULL,
     tid mediumint(9) NOT NULL,
     keyword varchar(65) NOT NULL,
     UNIQUE KEY id_tid (id,tid),
     KEY tid (tid)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_tmp (
      id mediumint(8) unsigned NOT NULL,
      admin_id int(11) NOT NULL DEFAULT '0',
      time_edit int(11) NOT NULL,
      time_late int(11) NOT NULL,
      ip varchar(50) NOT NULL,
      PRIMARY KEY (id)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_author (
    id MEDIUMINT(8) UNSIGNED NOT NULL AUTO_INCREMENT,
    uid INT(11) UNSIGNED NOT NULL,
    alias VARCHAR(100) NOT NULL DEFAULT '',
    pseudonym VARCHAR(100) NOT NULL DEFAULT '',
    image VARCHAR(255) NULL DEFAULT '',
    description TEXT,
    add_time INT(11) UNSIGNED NOT NULL DEFAULT '0',
	edit_time INT(11) UNSIGNED NOT NULL DEFAULT '0',
	active TINYINT(1) UNSIGNED NOT NULL DEFAULT '1',
	numnews MEDIUMINT(8) NOT NULL DEFAULT '0',
	PRIMARY KEY (id),
	UNIQUE KEY uid (uid),
    UNIQUE KEY alias (alias)
    ) ENGINE=MyISAM
;

CREATE TABLE nv4_vi_news_authorlist (
    id INT(11) NOT NULL,
	aid MEDIUMINT(8) NOT NULL,
	alias VARCHAR(100) NOT NULL DEFAULT '',
    pseudonym VARCHAR(100) NOT NULL DEFAULT '',
	UNIQUE KEY id_aid (id, aid),
	KEY aid (aid),
    KEY alias (alias)
    ) ENGINE=MyISAM
;

-- modules/comment/action_mysql.php
CREATE TABLE nv4_vi_comment (
 cid mediumint(8) unsigned NOT NULL AUTO_INCREMENT,
 module varchar(55) NOT NULL,
 area int(11) NOT NULL DEFAULT '0',
 id mediumint(8) unsigned NOT NULL DEFAULT '0',
 pid mediumint(8) unsigned NOT NULL DEFAULT '0',
 content text NOT NULL,
 attach varchar(255) NOT NULL DEFAULT '',
 post_time int(11) unsigned NOT NULL DEFAULT '0',
 userid mediumint(8) unsigned NOT NULL DEFAULT '0',
 post_name varchar(100) NOT NULL,
 post_email varchar(100) NOT NULL,
 post_ip varchar(39) NOT NULL DEFAULT '',
 status tinyint(1) unsigned NOT NULL DEFAULT '0',
 likes mediumint(9) NOT NULL DEFAULT '0',
 dislikes mediumint(9) NOT NULL DEFAULT '0',
 PRIMARY KEY (cid),
 KEY mod_id (module,area,id),
 KEY post_time (post_time)
) ENGINE=MyISAM
;

-- includes/action_mysql.php, nv_create_table_sys()
CREATE TABLE nv4_vi_modules (
         title varchar(50) NOT NULL,
         module_file varchar(50) NOT NULL DEFAULT '',
         module_data varchar(50) NOT NULL DEFAULT '',
         module_upload varchar(50) NOT NULL DEFAULT '',
         module_theme varchar(50) NOT NULL DEFAULT '',
         custom_title varchar(255) NOT NULL,
         site_title varchar(255) NOT NULL DEFAULT '',
         admin_title varchar(255) NOT NULL DEFAULT '',
         set_time int(11) unsigned NOT NULL DEFAULT '0',
         main_file tinyint(1) unsigned NOT NULL DEFAULT '0',
         admin_file tinyint(1) unsigned NOT NULL DEFAULT '0',
         theme varchar(100) DEFAULT '',
         mobile varchar(100) DEFAULT '',
         description varchar(255) DEFAULT '',
         keywords text,
         groups_view varchar(255) NOT NULL,
         weight tinyint(3) unsigned NOT NULL DEFAULT '1',
         act tinyint(1) unsigned NOT NULL DEFAULT '0',
         admins varchar(4000) DEFAULT '',
         rss tinyint(4) NOT NULL DEFAULT '1',
         sitemap tinyint(4) NOT NULL DEFAULT '1',
         PRIMARY KEY (title)
    ) ENGINE=MyISAM
;
